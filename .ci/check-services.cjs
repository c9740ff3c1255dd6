// usage: node .ci/check-services.cjs → exit 0 when PostgreSQL (TEST_DATABASE_URL, default
// postgres://localhost:5432/test) and Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379) both
// answer as those servers; otherwise one line per missing server on stderr and exit 1.
const net = require("node:net");

const SERVICES = [
  {
    name: "PostgreSQL",
    url: process.env.TEST_DATABASE_URL || "postgres://localhost:5432/test",
    port: 5432,
    hello: Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]), // SSLRequest: the server answers 'S' or 'N'
    ok: (b) => b.length >= 1 && (b[0] === 0x53 || b[0] === 0x4e),
  },
  {
    name: "Redis",
    url: process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379",
    port: 6379,
    hello: Buffer.from("PING\r\n"),
    ok: (b) => /^(\+PONG|-NOAUTH)/.test(b.toString()),
  },
];

function probe({ url, port, hello, ok }) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost", port: Number(u.port) || port });
    const done = (why) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => done("no answer within 3 s"), 3000);
    socket.once("connect", () => socket.write(hello));
    socket.once("data", (data) => done(ok(data) ? null : "it answered, but not as that server would"));
    socket.once("error", (err) => done(err.message));
  });
}

(async () => {
  let missing = 0;
  for (const s of SERVICES) {
    const why = await probe(s);
    if (why === null) continue;
    missing++;
    console.error(`${s.name} at ${s.url} is not reachable (${why})`);
  }
  process.exit(missing === 0 ? 0 : 1);
})();
