/**
 * Forward proxies for tests that count what goes through them: an HTTP proxy that tunnels with
 * CONNECT (what TELEGRAM_PROXY=http://… and LLM_PROXY=http://… use) and a SOCKS5 proxy (RFC 1928,
 * username/password per RFC 1929). Either may require credentials; a client without the right
 * ones is refused and counted.
 *
 *   const proxy = await ConnectProxy.start({ user: "bot", password: "s3cret" });
 *   … TELEGRAM_PROXY = proxy.url …
 *   expect(proxy.tunnels.map((t) => t.target)).toContain("127.0.0.1:34567");
 */
import http from "node:http";
import net from "node:net";

export interface Tunnel {
  /** host:port the client asked for. */
  target: string;
  at: number;
}

interface Credentials {
  user?: string;
  password?: string;
}

abstract class CountingProxy {
  readonly tunnels: Tunnel[] = [];
  /** Clients refused for missing or wrong credentials. */
  refused = 0;
  protected readonly sockets = new Set<net.Socket>();

  constructor(
    protected readonly server: net.Server,
    protected readonly creds: Credentials,
  ) {}

  abstract get scheme(): string;

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** scheme://[user:password@]127.0.0.1:port */
  get url(): string {
    const auth = this.creds.user ? `${encodeURIComponent(this.creds.user)}:${encodeURIComponent(this.creds.password ?? "")}@` : "";
    return `${this.scheme}://${auth}127.0.0.1:${this.port}`;
  }

  /** Tunnels to this host:port. */
  tunnelsTo(target: string): number {
    return this.tunnels.filter((t) => t.target === target).length;
  }

  protected track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => this.sockets.delete(socket));
  }

  protected pipe(client: net.Socket, target: string, onConnected: () => void): void {
    const [host, port] = splitTarget(target);
    const upstream = net.connect(port, host, () => {
      this.tunnels.push({ target, at: Date.now() });
      onConnected();
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.track(upstream);
    upstream.once("error", () => client.destroy());
    upstream.once("close", () => client.destroy());
    client.once("close", () => upstream.destroy());
  }

  /** Stop listening and drop every connection (clients see their requests fail). */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function splitTarget(target: string): [string, number] {
  const i = target.lastIndexOf(":");
  return [target.slice(0, i).replace(/^\[|\]$/g, ""), Number(target.slice(i + 1))];
}

async function listen(server: net.Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
}

/** An HTTP proxy that only tunnels (CONNECT host:port); anything else gets 405. */
export class ConnectProxy extends CountingProxy {
  get scheme(): string {
    return "http";
  }

  static async start(creds: Credentials = {}): Promise<ConnectProxy> {
    const server = http.createServer((_req, res) => res.writeHead(405, { "content-type": "text/plain" }).end("CONNECT only\n"));
    const proxy = new ConnectProxy(server, creds);
    server.on("connection", (s: net.Socket) => proxy.track(s));
    server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      if (!proxy.authorized(req.headers["proxy-authorization"])) {
        proxy.refused++;
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
        return;
      }
      proxy.pipe(client, req.url ?? "", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        if (head.length > 0) client.unshift(head);
      });
    });
    await listen(server);
    return proxy;
  }

  private authorized(header: string | undefined): boolean {
    if (!this.creds.user) return true;
    const expected = `Basic ${Buffer.from(`${this.creds.user}:${this.creds.password ?? ""}`).toString("base64")}`;
    return header === expected;
  }
}

/** A SOCKS5 proxy: CONNECT only, no authentication or username/password. */
export class Socks5Proxy extends CountingProxy {
  get scheme(): string {
    return "socks5";
  }

  static async start(creds: Credentials = {}): Promise<Socks5Proxy> {
    const server = net.createServer();
    const proxy = new Socks5Proxy(server, creds);
    server.on("connection", (client) => {
      proxy.track(client);
      void proxy.handshake(client).catch(() => client.destroy());
    });
    await listen(server);
    return proxy;
  }

  private async handshake(client: net.Socket): Promise<void> {
    const read = reader(client);
    const [version, methods] = await read(2);
    if (version !== 5) throw new Error("not SOCKS5");
    const offered = [...(await read(methods!))];
    const wanted = this.creds.user ? 0x02 : 0x00;
    if (!offered.includes(wanted)) {
      this.refused++;
      client.end(Buffer.from([5, 0xff]));
      return;
    }
    client.write(Buffer.from([5, wanted]));
    if (wanted === 0x02) {
      const [, ulen] = await read(2);
      const user = (await read(ulen!)).toString();
      const [plen] = await read(1);
      const password = (await read(plen!)).toString();
      if (user !== this.creds.user || password !== (this.creds.password ?? "")) {
        this.refused++;
        client.end(Buffer.from([1, 1]));
        return;
      }
      client.write(Buffer.from([1, 0]));
    }
    const [, cmd, , atyp] = await read(4);
    let host: string;
    if (atyp === 1) host = [...(await read(4))].join(".");
    else if (atyp === 3) host = (await read((await read(1))[0]!)).toString();
    else if (atyp === 4) host = `[${(await read(16)).toString("hex").match(/.{4}/g)!.join(":")}]`;
    else throw new Error("bad address type");
    const port = (await read(2)).readUInt16BE(0);
    if (cmd !== 1) {
      client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
      return;
    }
    read.release();
    this.pipe(client, `${host}:${port}`, () => client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0])));
  }
}

/** Reads exact byte counts from a socket; release() hands back what was read ahead. */
function reader(socket: net.Socket) {
  let buffered = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    flush();
  };
  const onEnd = () => waiting?.reject(new Error("closed"));
  const flush = () => {
    if (waiting && buffered.length >= waiting.n) {
      const out = buffered.subarray(0, waiting.n);
      buffered = buffered.subarray(waiting.n);
      const w = waiting;
      waiting = null;
      w.resolve(Buffer.from(out));
    }
  };
  socket.on("data", onData);
  socket.once("close", onEnd);
  const read = (n: number) =>
    new Promise<Buffer>((resolve, reject) => {
      waiting = { n, resolve, reject };
      flush();
    });
  return Object.assign(read, {
    release() {
      socket.off("data", onData);
      socket.off("close", onEnd);
      // Nothing may be lost before the tunnel's pipe starts reading.
      socket.pause();
      if (buffered.length > 0) socket.unshift(buffered);
    },
  });
}
