import { existsSync, readdirSync } from "node:fs";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { ConfigError } from "../../src/config.js";
import { CACHE_DIR } from "../../src/search/embedding-cache.js";
import { remoteEmbedderName, resolveEmbedder } from "../../src/search/embedder.js";
import type { IndexChanges } from "../../src/search/index-store.js";
import { indexDir, readManifest } from "../../src/search/index-store.js";
import { LOCAL_EMBEDDER } from "../../src/search/local-vectors.js";
import { createRemoteEmbedder } from "../../src/search/remote-embedder.js";
import { RemoteEmbeddings } from "../../src/search/remote-embeddings.js";
import { bigramEmbedding, FakeOpenAI, type EmbeddingRequestBody } from "../support/fake-openai.js";
import { configFrom, removeTempDirs, tempDir } from "./helpers.js";

const MEASURES = 42;
const POLICY_FILE = "policy/karamay-2022-business-environment-42-measures.txt";

let fake: FakeOpenAI;
let remoteEnv: (dataDir: string, corpusDir?: string) => Record<string, string>;

beforeAll(async () => {
  fake = await FakeOpenAI.start();
  remoteEnv = (dataDir, corpusDir = "./corpus") => ({
    DATA_DIR: dataDir,
    CORPUS_DIR: corpusDir,
    EMBEDDINGS_BASE_URL: fake.baseURL,
    EMBEDDINGS_API_KEY: "test",
    EMBEDDINGS_MODEL: "fake-embedding",
    EMBEDDINGS_DIMENSIONS: "32",
  });
});

afterAll(async () => {
  await fake.stop();
  await removeTempDirs();
});

beforeEach(() => {
  fake.reset();
  fake.setMaxBatch(10);
});

const inputsOf = (body: unknown) => {
  const input = (body as EmbeddingRequestBody).input;
  return Array.isArray(input) ? input : [input];
};

async function open(env: Record<string, string>) {
  const builds: IndexChanges[] = [];
  const engine = await openEngine(configFrom(env), { onBuild: (c) => builds.push(c) });
  return { engine, builds, manifest: await readManifest(env.DATA_DIR!) };
}

describe("indexing through an OpenAI-compatible embeddings endpoint", () => {
  let dataDir: string;
  let corpusDir: string;

  beforeAll(async () => {
    dataDir = await tempDir("emb-data");
    corpusDir = await tempDir("emb-corpus");
    await cp("./corpus", corpusDir, { recursive: true });
  });

  it("embeds every measure in batches of at most 10, with the configured dimensions", async () => {
    const { builds, manifest } = await open(remoteEnv(dataDir, corpusDir));
    expect(builds).toHaveLength(1);
    expect(fake.embeddedTexts()).toHaveLength(MEASURES);
    const requests = fake.embeddingRequests();
    expect(requests.map((r) => inputsOf(r.body).length)).toEqual([10, 10, 10, 10, 2]);
    for (const r of requests) expect(r.body).toMatchObject({ model: "fake-embedding", dimensions: 32, encoding_format: "float" });
    expect(manifest?.embedder).toEqual({ name: `openai-compatible:fake-embedding@${new URL(fake.baseURL).host}`, dimensions: 32 });
  });

  it("keeps the cache outside the index folder, which is swapped on every build", () => {
    expect(readdirSync(join(dataDir, CACHE_DIR))).toEqual([expect.stringMatching(/^openai-compatible_fake-embedding_127\.0\.0\.1_\d+\.jsonl$/)]);
    expect(existsSync(join(indexDir(dataDir), CACHE_DIR))).toBe(false);
  });

  it("answers questions, embedding the query without writing it to the cache", async () => {
    const cacheFile = join(dataDir, CACHE_DIR, readdirSync(join(dataDir, CACHE_DIR))[0]!);
    const before = await readFile(cacheFile, "utf8");
    const { engine, builds } = await open(remoteEnv(dataDir, corpusDir));
    expect(builds).toHaveLength(0);
    const answer = await engine.ask("小微企业办电要几天？");
    expect(answer.outcome).toBe("answered");
    expect(answer.citations.map((c) => c.measure)).toContain(11);
    expect(fake.embeddedTexts()).toEqual([expect.stringContaining("办电")]);
    expect(await readFile(cacheFile, "utf8")).toBe(before);
  });

  it("re-embeds only the measure whose text changed", async () => {
    const file = join(corpusDir, POLICY_FILE);
    const text = await readFile(file, "utf8");
    expect(text).toContain("供电报装办理周期压缩至2日");
    await writeFile(file, text.replace("供电报装办理周期压缩至2日", "供电报装办理周期压缩至3日"));

    const { builds } = await open(remoteEnv(dataDir, corpusDir));
    expect(builds).toHaveLength(1);
    expect(builds[0]?.changed).toEqual([{ number: 11 }]);
    const embedded = fake.embeddedTexts();
    expect(embedded).toHaveLength(1);
    expect(embedded[0]).toContain("压缩至3日");
  });
});

describe("switching embedders", () => {
  it("rebuilds the index when moving from the local embedder to the endpoint and back", async () => {
    const dataDir = await tempDir("emb-switch");
    const local = await open({ DATA_DIR: dataDir });
    expect(local.builds).toHaveLength(1);
    expect(local.manifest?.embedder.name).toBe(LOCAL_EMBEDDER.name);
    expect(fake.embeddingRequests()).toHaveLength(0);

    const remote = await open(remoteEnv(dataDir));
    expect(remote.builds).toHaveLength(1);
    expect(remote.manifest?.embedder).toEqual({ name: remoteEmbedderName("fake-embedding", fake.baseURL), dimensions: 32 });
    expect(fake.embeddedTexts()).toHaveLength(MEASURES);

    fake.reset();
    const back = await open({ DATA_DIR: dataDir });
    expect(back.builds).toHaveLength(1);
    expect(back.manifest?.embedder.name).toBe(LOCAL_EMBEDDER.name);
    expect(fake.embeddingRequests()).toHaveLength(0);
  });

  it("rebuilds when only the dimensions change", async () => {
    const dataDir = await tempDir("emb-dims");
    await open(remoteEnv(dataDir));
    const resized = await open({ ...remoteEnv(dataDir), EMBEDDINGS_DIMENSIONS: "48" });
    expect(resized.builds).toHaveLength(1);
    expect(resized.manifest?.embedder.dimensions).toBe(48);
  });
});

describe("an embeddings endpoint that is down", () => {
  async function openLogged(env: Record<string, string>) {
    const lines: string[] = [];
    const engine = await openEngine(configFrom(env), { log: (m) => lines.push(m) });
    return { engine, lines, manifest: await readManifest(env.DATA_DIR!) };
  }

  it("at start-up with no index for it: answers from the local embedder's index and says why in the log", async () => {
    const gone = await FakeOpenAI.start();
    await gone.stop(); // a port nothing listens on
    const dataDir = await tempDir("emb-down");
    const { engine, lines, manifest } = await openLogged({ ...remoteEnv(dataDir), EMBEDDINGS_BASE_URL: gone.baseURL });
    expect(manifest?.embedder.name).toBe(LOCAL_EMBEDDER.name);
    const answer = await engine.ask("小微企业办电要几天？");
    expect(answer.outcome).toBe("answered");
    expect(answer.citations[0]?.measure).toBe(11);
    expect(lines.join("\n")).toMatch(/embeddings endpoint http:\/\/127\.0\.0\.1:\d+\/v1 \(fake-embedding\).*\n.*local embedder.*EMBEDDINGS_BASE_URL/);
  });

  it("while answering: word matching answers alone, the outage and the return are each logged once", async () => {
    const dataDir = await tempDir("emb-outage");
    const { engine, lines } = await openLogged(remoteEnv(dataDir));
    expect(lines).toEqual([]);
    fake.reset();
    fake.queueEmbeddings(...Array.from({ length: 4 }, () => ({ status: 503, message: "overloaded" })));
    for (const question of ["小微企业办电要几天？", "开办企业要多久"]) {
      const answer = await engine.ask(question);
      expect(answer.outcome).toBe("answered");
    }
    expect(fake.embeddingRequests()).toHaveLength(4); // each question: the request and one retry, both refused
    expect(lines).toEqual([expect.stringMatching(/^embeddings endpoint .*overloaded.*word matching alone.*EMBEDDINGS_BASE_URL/)]);
    expect((await engine.ask("小微企业办电要几天？")).citations[0]?.measure).toBe(11);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/answers again/);
  });
});

describe("the vector size when EMBEDDINGS_DIMENSIONS is not set", () => {
  it("is probed once by resolveEmbedder, then remembered for createEmbedder", async () => {
    const dataDir = await tempDir("emb-probe");
    const { EMBEDDINGS_DIMENSIONS: _, ...env } = remoteEnv(dataDir);
    const config = configFrom(env);
    const createEmbedder = () => createRemoteEmbedder(config, config.embeddings.model!);

    expect(() => createEmbedder()).toThrow(ConfigError);
    const probed = await resolveEmbedder(config);
    expect(probed.id.dimensions).toBe(64); // the fake's native size
    expect(fake.embeddingRequests()).toHaveLength(1);
    expect(fake.embeddingRequests()[0]?.body).not.toHaveProperty("dimensions");

    expect(createEmbedder().id.dimensions).toBe(64);
    expect((await resolveEmbedder(config)).id.dimensions).toBe(64);
    expect(fake.embeddingRequests()).toHaveLength(1);
  });
});

describe("RemoteEmbeddings", () => {
  const embeddings = (dimensions: number | null = 16) =>
    new RemoteEmbeddings({ baseURL: fake.baseURL, apiKey: "test", model: "fake-embedding", dimensions });
  const texts = Array.from({ length: 12 }, (_, i) => `第${i + 1}段文本`);

  it("returns float vectors in input order", async () => {
    const vectors = await embeddings().embedDocuments(texts);
    expect(vectors).toHaveLength(12);
    vectors.forEach((v, i) => expect(v).toEqual(Array.from(Float32Array.from(bigramEmbedding(texts[i]!, 16)))));
    expect(await embeddings().embedQuery("办电")).toHaveLength(16);
  });

  it("retries a batch that failed with a server error", async () => {
    fake.queueEmbeddings({ status: 503 });
    expect(await embeddings().embedDocuments(["甲乙", "丙丁"])).toHaveLength(2);
    expect(fake.embeddingRequests()).toHaveLength(2);
  });

  it("splits batches an endpoint refuses as too large", async () => {
    fake.setMaxBatch(4);
    const vectors = await embeddings().embedDocuments(texts);
    expect(vectors).toHaveLength(12);
    vectors.forEach((v, i) => expect(v).toEqual(Array.from(Float32Array.from(bigramEmbedding(texts[i]!, 16)))));
    const accepted = fake.embeddingRequests().filter((r) => inputsOf(r.body).length <= 4);
    expect(accepted.flatMap((r) => inputsOf(r.body))).toEqual(texts);
  });

  it("never sends an empty string", async () => {
    expect(await embeddings().embedDocuments(["", "甲乙"])).toHaveLength(2);
    expect(fake.embeddedTexts()).toEqual([" ", "甲乙"]);
  });
});
