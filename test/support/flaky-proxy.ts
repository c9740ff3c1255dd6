import net from "node:net";

/**
 * A TCP proxy in front of a fake server, to make it unreachable on demand the ways a network
 * does: `closed` (nothing listens: connection refused), `reset` (connections are accepted and
 * dropped), `blackhole` (accepted, never answered). `forward` passes traffic through. Changing
 * the mode drops every open connection, so kept-alive sockets and long polls see it at once.
 */
export type ProxyMode = "forward" | "closed" | "reset" | "blackhole";

export class FlakyProxy {
  /** Connections accepted since start, in any mode but `closed`. */
  connections = 0;
  private mode: ProxyMode = "forward";
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  private listening = false;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: net.Server,
  ) {
    this.server = server;
  }

  /** `target` as http://127.0.0.1:PORT (a path after it is ignored). */
  static async start(target: string): Promise<FlakyProxy> {
    const url = new URL(target);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const proxy = new FlakyProxy({ host: url.hostname, port: Number(url.port) }, (server.address() as net.AddressInfo).port, server);
    proxy.listening = true;
    server.on("connection", (socket) => proxy.accept(socket));
    return proxy;
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async setMode(mode: ProxyMode): Promise<void> {
    this.mode = mode;
    // Stop listening first (close() refuses new connections at once), then drop the open ones.
    const closed = mode === "closed" && this.listening ? new Promise<void>((resolve) => this.server.close(() => resolve())) : undefined;
    if (closed) this.listening = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (closed) await closed;
    else if (mode !== "closed" && !this.listening) {
      await new Promise<void>((resolve, reject) => {
        this.server.once("error", reject);
        this.server.listen(this.port, "127.0.0.1", () => resolve());
      });
      this.listening = true;
    }
  }

  async stop(): Promise<void> {
    this.mode = "reset";
    for (const s of this.sockets) s.destroy();
    if (this.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.listening = false;
  }

  private accept(socket: net.Socket): void {
    this.connections++;
    socket.on("error", () => {});
    if (this.mode === "reset" || this.mode === "closed") return void socket.resetAndDestroy();
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    if (this.mode === "blackhole") return;
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on("error", () => socket.destroy());
    socket.once("close", () => upstream.destroy());
    upstream.once("close", () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  }
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
