/**
 * A load balancer on 127.0.0.1 in front of several instances of the bot, as nginx or a cloud load
 * balancer is in production: each request goes to the next backend in turn; a backend that refuses
 * the connection (down, restarting) is skipped for the next one, since the request never reached
 * it; a backend that fails after taking the request gives 502 (the sender, Telegram, tries again).
 *
 *   const lb = await RoundRobinProxy.start(["http://127.0.0.1:4001", "http://127.0.0.1:4002"]);
 *   … TELEGRAM_WEBHOOK_URL = `${lb.url}/telegram/webhook` …
 *   lb.served  // requests answered, per backend
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export class RoundRobinProxy {
  /** Requests each backend answered. */
  readonly served = new Map<string, number>();
  /** Requests a backend refused at connect and that went to the next one instead. */
  skipped = 0;
  /** Requests answered 502 (a backend failed after taking them, or none was up). */
  failed = 0;
  private next = 0;

  private constructor(
    private readonly server: http.Server,
    private readonly backends: readonly string[],
  ) {
    for (const b of backends) this.served.set(b, 0);
  }

  static async start(backends: readonly string[]): Promise<RoundRobinProxy> {
    let proxy!: RoundRobinProxy;
    const server = http.createServer((req, res) => void proxy.forward(req, res));
    proxy = new RoundRobinProxy(server, backends);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    for (let tried = 0; tried < this.backends.length; tried++) {
      const backend = this.backends[this.next++ % this.backends.length]!;
      try {
        const answer = await send(backend, req, body);
        this.served.set(backend, (this.served.get(backend) ?? 0) + 1);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ECONNREFUSED") {
          this.skipped++;
          continue;
        }
        break;
      }
    }
    this.failed++;
    res.writeHead(502, { "content-type": "text/plain" });
    res.end("bad gateway");
  }
}

interface Answer {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

function send(backend: string, req: http.IncomingMessage, body: Buffer): Promise<Answer> {
  const target = new URL(req.url ?? "/", backend);
  const headers = { ...req.headers, host: target.host, "content-length": String(body.length) };
  return new Promise((resolve, reject) => {
    const out = http.request(target, { method: req.method ?? "GET", headers, agent: false }, (answer) => {
      const parts: Buffer[] = [];
      answer.on("data", (c: Buffer) => parts.push(c));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
      answer.on("error", reject);
    });
    out.on("error", reject);
    out.end(body);
  });
}
