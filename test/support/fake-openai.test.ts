import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeOpenAI, defaultChatReply } from "./fake-openai.js";

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await FakeOpenAI.start();
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.reset();
});

function client(opts: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: fake.baseURL, apiKey: "test", maxRetries: opts.maxRetries ?? 0, timeout: opts.timeout ?? 5_000 });
}

const chat = (c: OpenAI, text = "hello") =>
  c.chat.completions.create({ model: "fake-chat", messages: [{ role: "user", content: text }] });

function norm(v: number[]): number {
  return Math.hypot(...v);
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0) / (norm(a) * norm(b));
}

describe("chat completions", () => {
  it("returns scripted content and records the request with its API key", async () => {
    fake.queueChat({ content: '{"answer":"yes"}' });
    const res = await chat(client(), "is it?");

    expect(res.object).toBe("chat.completion");
    expect(res.choices[0]?.message.content).toBe('{"answer":"yes"}');
    expect(res.choices[0]?.finish_reason).toBe("stop");
    expect(res.usage?.total_tokens).toBeGreaterThan(0);

    const [req] = fake.chatRequests();
    expect(req?.headers.authorization).toBe("Bearer test");
    expect(req?.method).toBe("POST");
    expect(req?.body).toMatchObject({ model: "fake-chat", messages: [{ role: "user", content: "is it?" }] });
  });

  it("falls back to the default reply when the queue is empty", async () => {
    fake.setDefaultChat((body) => `echo ${body.messages?.length}`);
    try {
      const res = await chat(client());
      expect(res.choices[0]?.message.content).toBe("echo 1");
    } finally {
      fake.setDefaultChat(defaultChatReply);
    }
  });

  it("surfaces a scripted 500 as APIError when retries are off", async () => {
    fake.queueChat({ status: 500, message: "boom" });
    const err = await chat(client({ maxRetries: 0 })).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    expect((err as Error).message).toContain("boom");
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("lets the client retry a 429 that carries retry-after, then succeed", async () => {
    fake.queueChat({ status: 429, retryAfterSeconds: 0.2 }, { content: "after retry" });
    // Counts the client's attempts and tells when the first has its answer.
    let attempts = 0;
    let answered!: () => void;
    const firstAnswered = new Promise<void>((r) => (answered = r));
    const c = new OpenAI({
      baseURL: fake.baseURL,
      apiKey: "test",
      maxRetries: 2,
      fetch: async (url, init) => {
        attempts++;
        const res = await fetch(url, init);
        answered();
        return res;
      },
    });

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const reply = chat(c);
      await firstAnswered;
      // Once the request's own timeout is cleared, the one timer left is the wait before the retry.
      await new Promise((r) => setImmediate(r));
      while (vi.getTimerCount() === 0) await new Promise((r) => setImmediate(r));
      // The client waits what retry-after says (200 ms), not its own back-off of 0.5 s or more.
      vi.advanceTimersByTime(199);
      await new Promise((r) => setImmediate(r));
      expect(attempts).toBe(1);
      vi.advanceTimersByTime(1);
      const res = await reply;
      expect(res.choices[0]?.message.content).toBe("after retry");
    } finally {
      vi.useRealTimers();
    }
    expect(attempts).toBe(2);
    expect(fake.chatRequests()).toHaveLength(2);
    expect(fake.chatRequests()[1]?.headers["x-stainless-retry-count"]).toBe("1");
  });

  it("rejects stream: true with an OpenAI-style 400", async () => {
    const err = await client()
      .chat.completions.create({ model: "fake-chat", messages: [{ role: "user", content: "hi" }], stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      type: "invalid_request_error",
      param: null,
    });
  });

  it("times out on a slow reply, and the server keeps answering afterwards", async () => {
    // A reply due long after the test's own timeout: only the client's timeout ends the wait.
    fake.queueChat({ delayMs: 120_000, content: "too late" });
    const err = await chat(client({ maxRetries: 0, timeout: 200 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);

    // The server saw the client go and dropped the delayed reply rather than write to a dead socket.
    await vi.waitFor(() => expect(fake.chatRequests()[0]?.abandoned).toBe(true));
    fake.queueChat({ content: "still alive" });
    const res = await chat(client());
    expect(res.choices[0]?.message.content).toBe("still alive");
  });
});

describe("embeddings", () => {
  const texts = ["居民医保报销比例", "居民医保报销流程", "unrelated english text"];

  it("embeds a batch with the right count and dimension, L2-normalised", async () => {
    const res = await client().embeddings.create({ model: "fake-embedding", input: texts, dimensions: 32 });

    expect(res.data).toHaveLength(3);
    expect(res.data.map((d) => d.index)).toEqual([0, 1, 2]);
    for (const d of res.data) {
      expect(d.embedding).toHaveLength(32);
      expect(norm(d.embedding)).toBeCloseTo(1, 5);
    }
    expect(fake.embeddedTexts()).toEqual(texts);
  });

  it("uses the server default dimension when none is requested", async () => {
    const res = await client().embeddings.create({ model: "fake-embedding", input: "one text" });
    expect(res.data[0]?.embedding).toHaveLength(64);
  });

  it("gives similar texts more similar vectors than unrelated ones", async () => {
    const res = await client().embeddings.create({ model: "fake-embedding", input: texts, dimensions: 256 });
    const [a, b, c] = res.data.map((d) => d.embedding) as [number[], number[], number[]];
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });

  it("rejects a batch larger than the max with 400", async () => {
    const input = Array.from({ length: 11 }, (_, i) => `text ${i}`);
    const err = await client().embeddings.create({ model: "fake-embedding", input }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain("10");
  });

  it("honours setMaxBatch", async () => {
    fake.setMaxBatch(2);
    try {
      const err = await client().embeddings.create({ model: "fake-embedding", input: texts }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    } finally {
      fake.setMaxBatch(10);
    }
  });

  it("decodes base64 (client default) and float encodings to the same numbers", async () => {
    const c = client();
    const viaBase64 = await c.embeddings.create({ model: "fake-embedding", input: texts });
    const viaFloat = await c.embeddings.create({ model: "fake-embedding", input: texts, encoding_format: "float" });

    const [b64Req, floatReq] = fake.embeddingRequests();
    expect(b64Req?.body).toMatchObject({ encoding_format: "base64" });
    expect(floatReq?.body).toMatchObject({ encoding_format: "float" });
    expect(viaBase64.data.map((d) => d.embedding)).toEqual(viaFloat.data.map((d) => d.embedding));
  });

  it("gives identical texts identical vectors, across requests", async () => {
    const c = client();
    const first = await c.embeddings.create({ model: "fake-embedding", input: ["same", "same"] });
    const second = await c.embeddings.create({ model: "fake-embedding", input: "same" });

    expect(first.data[0]?.embedding).toEqual(first.data[1]?.embedding);
    expect(second.data[0]?.embedding).toEqual(first.data[0]?.embedding);
  });

  it("plays scripted embedding failures before the default behaviour", async () => {
    fake.queueEmbeddings({ status: 429, retryAfterSeconds: 0 }, { status: 503 });
    const res = await client({ maxRetries: 2 }).embeddings.create({ model: "fake-embedding", input: "x y" });

    expect(res.data).toHaveLength(1);
    expect(fake.embeddingRequests()).toHaveLength(3);
    expect(fake.embeddedTexts()).toEqual(["x y", "x y", "x y"]);
  });
});

describe("models and routing", () => {
  it("lists the configured models", async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toEqual(["fake-chat", "fake-embedding"]);
  });

  it("enforces the API key when one is configured", async () => {
    const strict = await FakeOpenAI.start({ apiKey: "right" });
    try {
      const wrong = new OpenAI({ baseURL: strict.baseURL, apiKey: "wrong", maxRetries: 0 });
      const err = await wrong.models.list().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);

      const right = new OpenAI({ baseURL: strict.baseURL, apiKey: "right", maxRetries: 0 });
      expect((await right.models.list()).data.length).toBeGreaterThan(0);
    } finally {
      await strict.stop();
    }
  });

  it("reset() clears queues and recorded requests", async () => {
    fake.queueChat({ status: 500 });
    await client().models.list();
    fake.reset();

    expect(fake.requests).toHaveLength(0);
    const res = await chat(client());
    expect(res.choices[0]?.message.content).toContain("hello");
  });
});
