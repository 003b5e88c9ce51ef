// The HTTP/1.1 layer under `tfsim cloud serve` (src/cloud/http1.ts), held to what RFC 9112 says a server owes its
// clients. A recording handler stands in for the cloud; clients are raw node:net sockets writing bytes exactly as
// framed here (once node:http's own client, as a sanity check). Where a test must know the server has read a piece
// before the next is sent, it waits on the server's own socket (its data listener runs after the connection's).
import { Agent, request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttp1Server, type Http1Request, type Http1Response, type Http1Server } from "../../../src/cloud/http1.js";

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

interface ServeOptions {
  /** Body limit for every request; 1 MiB unless given. */
  readonly limit?: number;
  readonly idleSweepMs?: number;
  readonly requestTimeoutMs?: number;
  readonly maxHeaderBytes?: number;
  /** Answers a refused request; by default 413 with "too large: PROPOSED". */
  readonly refuse?: (res: Http1Response, proposed: number) => void;
  /** The body limit of a request, when it is not `limit`. */
  readonly bodyLimit?: (req: Http1Request) => number;
  /** Answers a request; by default 200 with "METHOD URL LENGTH:BODY". */
  readonly answer?: (req: Http1Request, res: Http1Response, body: Buffer) => void;
}

interface Served {
  readonly port: number;
  /** Requests handed to the handler, in order. */
  readonly seen: Seen[];
  /** Proposed sizes handed to tooLarge, in order. */
  readonly refused: number[];
  readonly http: Http1Server;
  /** Resolves once the server has read `n` bytes in all (its parser has seen them by then). */
  readUpTo(n: number): Promise<void>;
  close(): Promise<void>;
}

const running: Served[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

function echo(req: Http1Request, res: Http1Response, body: Buffer): void {
  res.send(200, { "Content-Type": "text/plain" }, `${req.method} ${req.url} ${body.length}:${body.toString("latin1")}`);
}

function tooLarge(res: Http1Response, proposed: number): void {
  res.send(413, { "Content-Type": "text/plain" }, `too large: ${proposed}`);
}

async function serve(options: ServeOptions = {}): Promise<Served> {
  const seen: Seen[] = [];
  const refused: number[] = [];
  const answer = options.answer ?? echo;
  const http = createHttp1Server(
    {
      bodyLimit: options.bodyLimit ?? (() => options.limit ?? 1024 * 1024),
      tooLarge: (_req, res, proposed) => {
        refused.push(proposed);
        (options.refuse ?? tooLarge)(res, proposed);
      },
      request: (req, res, body) => {
        seen.push({ method: req.method, url: req.url, httpVersion: req.httpVersion, rawHeaders: req.rawHeaders, body: body.toString("latin1") });
        answer(req, res, body);
      },
    },
    {
      idleSweepMs: options.idleSweepMs ?? 60_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      ...(options.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: options.maxHeaderBytes }),
    },
  );
  let read = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  http.server.on("connection", (socket: Socket) => {
    socket.on("data", (d: Buffer) => {
      read += d.length;
      for (const w of waiters.splice(0)) if (read >= w.n) w.resolve();
      else waiters.push(w);
    });
  });
  await new Promise<void>((resolve) => http.server.listen(0, "127.0.0.1", resolve));
  const port = (http.server.address() as { port: number }).port;
  const served: Served = {
    port,
    seen,
    refused,
    http,
    readUpTo: (n) => (read >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.server.close(() => resolve());
      }),
  };
  running.push(served);
  return served;
}

/** A raw client: bytes out as given, bytes in kept as Latin-1 text (one character a byte). */
class Client {
  readonly socket: Socket;
  text = "";
  closed = false;
  private readonly waiters: Array<() => void> = [];
  private readonly opened: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, "127.0.0.1");
    this.socket.setNoDelay(true);
    this.opened = new Promise((resolve) => this.socket.once("connect", () => resolve()));
    this.socket.on("data", (d: Buffer) => {
      this.text += d.toString("latin1");
      this.wake();
    });
    // A reset is how a dropped connection may look from here; what matters is that it ended.
    this.socket.on("error", () => undefined);
    this.socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
  }

  async write(bytes: string | Buffer): Promise<void> {
    await this.opened;
    await new Promise<void>((resolve, reject) => this.socket.write(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes, (e) => (e ? reject(e) : resolve())));
  }

  /** Waits until `done` holds for what arrived, or the connection closes; returns what arrived. */
  async until(done: (text: string) => boolean): Promise<string> {
    while (!done(this.text) && !this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.text;
  }

  /** Waits for `n` whole final responses (or the close). */
  async responses(n: number, noBody: (index: number) => boolean = () => false): Promise<Parsed[]> {
    await this.until((t) => parseResponses(t, noBody).filter((r) => r.status >= 200).length >= n);
    return parseResponses(this.text, noBody).filter((r) => r.status >= 200);
  }

  /** Waits for the server to end the connection; returns everything that arrived. */
  async ended(): Promise<string> {
    return this.until(() => false);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** Writes `bytes` on a new connection and waits for `n` whole final responses. */
async function answers(port: number, bytes: string, n: number): Promise<Parsed[]> {
  const c = new Client(port);
  await c.write(bytes);
  return c.responses(n);
}

/** Writes `bytes` on a new connection and waits for the server to end it: the responses that came first. */
async function untilClosed(port: number, bytes: string): Promise<Parsed[]> {
  const c = new Client(port);
  await c.write(bytes);
  return parseResponses(await c.ended());
}

interface Parsed {
  readonly status: number;
  /** Header names lower-cased; repeats joined with ", ". */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/**
 * The whole responses in `text`, in order (1xx included). A final response's body is framed by its Content-Length;
 * none for 1xx, 204, 304 or where `noBody` says the request was a HEAD (counted over final responses).
 */
function parseResponses(text: string, noBody: (index: number) => boolean = () => false): Parsed[] {
  const out: Parsed[] = [];
  let at = 0;
  let finals = 0;
  for (;;) {
    const end = text.indexOf("\r\n\r\n", at);
    if (end < 0) return out;
    const [statusLine, ...lines] = text.slice(at, end).split("\r\n");
    const m = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine!);
    if (!m) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const status = Number(m[1]);
    const headers = new Map<string, string>();
    for (const l of lines) {
      const colon = l.indexOf(":");
      const name = l.slice(0, colon).toLowerCase();
      const value = l.slice(colon + 1).trim();
      headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
    }
    const final = status >= 200;
    const bodyless = !final || status === 204 || status === 304 || noBody(finals);
    const length = bodyless ? 0 : Number(headers.get("content-length") ?? "0");
    if (text.length < end + 4 + length) return out;
    out.push({ status, headers, body: text.slice(end + 4, end + 4 + length) });
    at = end + 4 + length;
    if (final) finals++;
  }
}

function post(url: string, body: string, extra = ""): string {
  return `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n\r\n${body}`;
}

function get(url: string, extra = ""): string {
  return `GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`;
}

describe("message framing", () => {
  it("delivers a Content-Length body whole when the client writes it in many small pieces", async () => {
    const s = await serve();
    const c = new Client(s.port);
    const body = "0123456789abcdef".repeat(64);
    const whole = post("/pieces", body);
    for (let i = 0; i < whole.length; i += 7) await c.write(whole.slice(i, i + 7));
    const [r] = await c.responses(1);
    expect(r!.status).toBe(200);
    expect(r!.body).toBe(`POST /pieces ${body.length}:${body}`);
    expect(s.seen).toHaveLength(1);
  });

  it("parses a request split at every byte boundary of its head", async () => {
    const s = await serve();
    const whole = post("/split?x=1", "hello", "X-Thing: a b\r\n");
    const head = whole.indexOf("\r\n\r\n") + 4;
    let sent = 0;
    for (let cut = 1; cut < head + 2; cut++) {
      const c = new Client(s.port);
      await c.write(whole.slice(0, cut));
      // The server has read the first piece (and parsed what it could) before the rest is sent.
      await s.readUpTo(sent + cut);
      await c.write(whole.slice(cut));
      sent += whole.length;
      const [r] = await c.responses(1);
      expect(r!.body, `cut at ${cut}`).toBe("POST /split?x=1 5:hello");
      c.socket.destroy();
    }
    expect(s.seen).toHaveLength(head + 1);
    expect(s.seen[0]!.rawHeaders).toEqual(["Host", "127.0.0.1", "X-Thing", "a b", "Content-Length", "5"]);
  });

  it("parses a request written one byte at a time", async () => {
    const s = await serve();
    const c = new Client(s.port);
    const whole = post("/bytes", "abc", "X-A: 1\r\n");
    for (let i = 0; i < whole.length; i++) {
      await c.write(whole[i]!);
      await s.readUpTo(i + 1);
    }
    const [r] = await c.responses(1);
    expect(r!.body).toBe("POST /bytes 3:abc");
  });

  it("de-chunks Transfer-Encoding: chunked, with chunk extensions and trailers, even byte by byte", async () => {
    const s = await serve();
    const chunked = "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value\r\nWiki\r\n5 ; x=\"y\"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: yes\r\nX-Other: 2\r\n\r\n";
    const c = new Client(s.port);
    await c.write(chunked);
    let [r] = await c.responses(1);
    expect(r!.body).toBe("POST /chunked 23:Wikipedia in\r\n\r\nchunks.");

    const d = new Client(s.port);
    for (let i = 0; i < chunked.length; i++) await d.write(chunked[i]!);
    [r] = await d.responses(1);
    expect(r!.body).toBe("POST /chunked 23:Wikipedia in\r\n\r\nchunks.");
    // The connection goes on after a chunked body: the trailers were consumed whole.
    await d.write(get("/after"));
    const both = await d.responses(2);
    expect(both[1]!.body).toBe("GET /after 0:");
  });

  it("answers a malformed chunk size 400 and closes", async () => {
    const s = await serve();
    for (const size of ["zz", "-1", "0x5", ""]) {
      const c = new Client(s.port);
      await c.write(`POST /bad HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\nhello\r\n0\r\n\r\n${get("/never")}`);
      const text = await c.ended();
      const rs = parseResponses(text);
      expect(rs.map((r) => r.status), `size ${JSON.stringify(size)}`).toEqual([400]);
      expect(rs[0]!.headers.get("connection")).toBe("close");
    }
    // A chunk not followed by CRLF cannot be framed either.
    const rs = await untilClosed(s.port, "POST /bad HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n");
    expect(rs.map((r) => r.status)).toEqual([400]);
    expect(s.seen).toEqual([]);
  });
});

describe("Expect", () => {
  it("sends 100 Continue before the body is read, then the answer", async () => {
    const s = await serve();
    const c = new Client(s.port);
    await c.write("PUT /obj HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    const interim = await c.until((t) => t.includes("\r\n\r\n"));
    expect(interim).toBe("HTTP/1.1 100 Continue\r\n\r\n");
    expect(s.seen).toEqual([]);
    await c.write("data");
    const all = parseResponses(await c.until((t) => parseResponses(t).length === 2));
    expect(all.map((r) => r.status)).toEqual([100, 200]);
    expect(all[1]!.body).toBe("PUT /obj 4:data");
  });

  it("sends no 100 Continue where no body follows or the client speaks HTTP/1.0", async () => {
    const s = await serve();
    const c = new Client(s.port);
    await c.write("POST /empty HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\nPUT /old HTTP/1.0\r\nConnection: keep-alive\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
    const rs = await c.responses(2);
    expect(rs.map((r) => r.body)).toEqual(["POST /empty 0:", "PUT /old 2:ok"]);
    expect(c.text).not.toContain("100 Continue");
  });

  it("answers an expectation it does not know 417 and closes", async () => {
    const s = await serve();
    const rs = await untilClosed(s.port, "PUT /obj HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something-else\r\nContent-Length: 4\r\n\r\ndata");
    expect(rs.map((r) => r.status)).toEqual([417]);
    expect(rs[0]!.headers.get("connection")).toBe("close");
    expect(s.seen).toEqual([]);
  });
});

describe("persistent connections", () => {
  it("answers two requests on one connection", async () => {
    const s = await serve();
    const c = new Client(s.port);
    await c.write(get("/one"));
    const [first] = await c.responses(1);
    expect(first!.headers.has("connection")).toBe(false);
    await c.write(post("/two", "2"));
    const rs = await c.responses(2);
    expect(rs.map((r) => r.body)).toEqual(["GET /one 0:", "POST /two 1:2"]);
    expect(c.closed).toBe(false);
  });

  it("closes after answering a request with Connection: close, and reads nothing past it", async () => {
    const s = await serve();
    const rs = await untilClosed(s.port, get("/last", "Connection: close\r\n") + get("/ignored"));
    expect(rs).toHaveLength(1);
    expect(rs[0]!.body).toBe("GET /last 0:");
    expect(rs[0]!.headers.get("connection")).toBe("close");
    expect(s.seen.map((r) => r.url)).toEqual(["/last"]);
  });

  it("closes an HTTP/1.0 connection by default and keeps it with Connection: keep-alive", async () => {
    const s = await serve();
    let rs = await untilClosed(s.port, "GET /old HTTP/1.0\r\n\r\n");
    expect(rs.map((r) => [r.status, r.headers.get("connection")])).toEqual([[200, "close"]]);
    expect(s.seen[0]!.httpVersion).toBe("1.0");

    const k = new Client(s.port);
    await k.write("GET /old-ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    rs = await k.responses(1);
    expect(rs[0]!.headers.get("connection")).toBe("keep-alive");
    expect(rs[0]!.body).toBe("GET /old-ka 0:");
    await k.write("GET /old-ka-2 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
    rs = await k.responses(2);
    expect(rs[1]!.body).toBe("GET /old-ka-2 0:");
    expect(k.closed).toBe(false);
    // The next one without keep-alive is the last.
    await k.write("GET /old-3 HTTP/1.0\r\n\r\n");
    rs = parseResponses(await k.ended());
    expect(rs.map((r) => r.headers.get("connection"))).toEqual(["keep-alive", "keep-alive", "close"]);
  });

  it("lets close win over keep-alive when an HTTP/1.0 request names both", async () => {
    const s = await serve();
    const rs = await untilClosed(s.port, "GET /both HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n");
    expect(rs.map((r) => [r.status, r.headers.get("connection")])).toEqual([[200, "close"]]);
  });

  it("answers pipelined requests in order", async () => {
    const s = await serve();
    const rs = await answers(s.port, get("/a") + post("/b", "bee") + "\r\n" + get("/c"), 3);
    expect(rs.map((r) => r.body)).toEqual(["GET /a 0:", "POST /b 3:bee", "GET /c 0:"]);
  });

  it("answers pipelined requests in order when the handler answers later (setImmediate)", async () => {
    const s = await serve({ answer: (req, res, body) => setImmediate(() => echo(req, res, body)) });
    const c = new Client(s.port);
    await c.write(get("/a") + post("/b", "bee") + get("/c"));
    const rs = await c.responses(3);
    expect(rs.map((r) => r.body)).toEqual(["GET /a 0:", "POST /b 3:bee", "GET /c 0:"]);
    // More pipelined requests arriving while one is unanswered wait their turn.
    await c.write(get("/d"));
    await c.write(get("/e"));
    expect((await c.responses(5)).slice(3).map((r) => r.body)).toEqual(["GET /d 0:", "GET /e 0:"]);
  });

  it("stops reading a pipelining client while an answer is owed, and reads on once it is given", async () => {
    let release = (): void => undefined;
    const s = await serve({ answer: (req, res, body) => (req.url === "/wait" ? (release = () => echo(req, res, body)) : echo(req, res, body)) });
    // Whether the server's socket is paused, each time it has read (its connection's data listener has run by then).
    const paused: boolean[] = [];
    s.http.server.on("connection", (socket: Socket) => socket.on("data", () => paused.push(socket.isPaused())));
    const c = new Client(s.port);
    await c.write(get("/wait"));
    await s.readUpTo(get("/wait").length);
    expect(paused).toEqual([false]);
    await c.write(get("/next"));
    // Once any byte of the next request is read, no more are until the answer is given.
    await s.readUpTo(get("/wait").length + 1);
    expect(paused.at(-1)).toBe(true);
    release();
    const rs = await c.responses(2);
    expect(rs.map((r) => r.body)).toEqual(["GET /wait 0:", "GET /next 0:"]);
  });

  it("answers every request a client sent before it half-closed, then closes", async () => {
    for (const answer of [echo, (req: Http1Request, res: Http1Response, body: Buffer) => setImmediate(() => echo(req, res, body))]) {
      const s = await serve({ answer });
      const c = new Client(s.port);
      await c.write(get("/a") + post("/b", "bee") + get("/c"));
      c.socket.end();
      const rs = parseResponses(await c.ended());
      expect(rs.map((r) => r.body)).toEqual(["GET /a 0:", "POST /b 3:bee", "GET /c 0:"]);
    }
    // A request cut short by the half-close can never be whole: the connection ends with it unanswered.
    const s = await serve();
    const c = new Client(s.port);
    await c.write(`${get("/whole")}POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc`);
    c.socket.end();
    expect(parseResponses(await c.ended()).map((r) => r.body)).toEqual(["GET /whole 0:"]);
    expect(s.seen.map((r) => r.url)).toEqual(["/whole"]);
  });

  it("answers a pipelining client that reads nothing for a while: all answers, in order, once it reads", async () => {
    const big = "r".repeat(128 * 1024);
    const s = await serve({ answer: (req, res) => res.send(200, { "X-Url": req.url }, big) });
    const c = new Client(s.port);
    c.socket.pause();
    let requests = "";
    for (let i = 0; i < 60; i++) requests += get(`/${i}`);
    await c.write(requests);
    // The server has read the first requests and filled what the socket buffers hold before the client reads on.
    await s.readUpTo(get("/0").length);
    c.socket.resume();
    const rs = await c.responses(60);
    expect(rs.map((r) => r.headers.get("x-url"))).toEqual(Array.from({ length: 60 }, (_, i) => `/${i}`));
    expect(rs.every((r) => r.body === big)).toBe(true);
  });

  it("ends the connections between requests on closeIdleConnections, and lets one mid-request finish", async () => {
    const s = await serve();
    const idle = new Client(s.port);
    await idle.write(get("/done"));
    await idle.responses(1);
    const busy = new Client(s.port);
    await busy.write("GET /half HTTP/1.1\r\n");
    await s.readUpTo(get("/done").length + "GET /half HTTP/1.1\r\n".length);
    s.http.closeIdleConnections();
    expect(parseResponses(await idle.ended())).toHaveLength(1);
    await busy.write("Host: x\r\n\r\n");
    expect((await busy.responses(1))[0]!.body).toBe("GET /half 0:");
  });

  it("drops the connection unanswered when the handler destroys it, reading nothing more", async () => {
    const s = await serve({ answer: (req, res, body) => (req.url === "/drop" ? res.destroy() : echo(req, res, body)) });
    const rs = await untilClosed(s.port, get("/first") + get("/drop") + get("/after"));
    expect(rs.map((r) => r.body)).toEqual(["GET /first 0:"]);
    expect(s.seen.map((r) => r.url)).toEqual(["/first", "/drop"]);
  });

  it("is usable by node:http's client, reusing the connection", async () => {
    const s = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const call = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; body: string; reused: boolean; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port: s.port, method, path, agent }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (d: Buffer) => parts.push(d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), reused: req.reusedSocket, headers: res.headers }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const a = await call("PUT", "/node?x=%20", "from node:http");
    expect(a).toMatchObject({ status: 200, body: "PUT /node?x=%20 14:from node:http", reused: false });
    expect(a.headers["date"]).toBeTypeOf("string");
    const b = await call("GET", "/again");
    expect(b).toMatchObject({ status: 200, body: "GET /again 0:", reused: true });
    agent.destroy();
  });
});

describe("limits", () => {
  it("answers a head over 16 KiB 431 and closes, whole or still arriving", async () => {
    const s = await serve();
    const big = `X-Big: ${"b".repeat(16 * 1024)}\r\n`;
    let rs = await untilClosed(s.port, get("/big", big));
    expect(rs.map((r) => [r.status, r.headers.get("connection")])).toEqual([[431, "close"]]);

    rs = await untilClosed(s.port, `GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n${big}`);
    expect(rs.map((r) => r.status)).toEqual([431]);

    // Just under the limit is a request like any other.
    const e = new Client(s.port);
    await e.write(get("/fits", `X-Fits: ${"f".repeat(16 * 1024 - 200)}\r\n`));
    expect((await e.responses(1))[0]!.body).toBe("GET /fits 0:");
    expect(s.seen.map((r) => r.url)).toEqual(["/fits"]);
  });

  it("answers a declared body over the limit with tooLarge, drops the body, then serves the next request", async () => {
    const s = await serve({ limit: 100 });
    const c = new Client(s.port);
    await c.write("PUT /huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 300\r\n\r\n");
    // The answer comes from the head alone, before any of the body.
    const [refusal] = await c.responses(1);
    expect(refusal).toMatchObject({ status: 413, body: "too large: 300" });
    expect(refusal!.headers.has("connection")).toBe(false);
    await c.write("x".repeat(300));
    await c.write(get("/next"));
    const rs = await c.responses(2);
    expect(rs[1]!.body).toBe("GET /next 0:");
    expect(s.refused).toEqual([300]);
    expect(s.seen.map((r) => r.url)).toEqual(["/next"]);
  });

  it("refuses a chunked body once it passes the limit, drops the rest, then serves the next request", async () => {
    const s = await serve({ limit: 100 });
    const c = new Client(s.port);
    const chunk = `3c\r\n${"y".repeat(60)}\r\n`;
    await c.write(`PUT /chunks HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n${chunk}${chunk}${chunk}0\r\n\r\n${get("/next")}`);
    const rs = await c.responses(2);
    expect(rs.map((r) => r.status)).toEqual([413, 200]);
    expect(rs[1]!.body).toBe("GET /next 0:");
    expect(s.refused).toEqual([120]);
  });

  it("drops the connection when a refused body goes past four times the limit", async () => {
    const s = await serve({ limit: 100 });
    const c = new Client(s.port);
    await c.write("PUT /huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n");
    await c.responses(1);
    await c.write("z".repeat(1000)).catch(() => undefined);
    await c.write(get("/never")).catch(() => undefined);
    await c.ended();
    expect(c.closed).toBe(true);
    expect(s.seen).toEqual([]);
  });

  it("keeps answers in order when the refusal is given later (setImmediate), however soon the body is read", async () => {
    const s = await serve({ limit: 10, refuse: (res, proposed) => setImmediate(() => tooLarge(res, proposed)) });
    const c = new Client(s.port);
    await c.write(`${post("/big", "b".repeat(20))}${get("/next")}`);
    const rs = await c.responses(2);
    expect(rs.map((r) => [r.status, r.body])).toEqual([
      [413, "too large: 20"],
      [200, "GET /next 0:"],
    ]);
  });

  it("answers 500 for a handler that throws in tooLarge (and serves on), and in bodyLimit (and closes)", async () => {
    const s = await serve({
      limit: 10,
      refuse: () => {
        throw new Error("tooLarge bug");
      },
    });
    const rs = await answers(s.port, `${post("/big", "b".repeat(20))}${get("/next")}`, 2);
    expect(rs.map((r) => [r.status, r.body])).toEqual([
      [500, "Internal Server Error\n"],
      [200, "GET /next 0:"],
    ]);
    const t = await serve({
      bodyLimit: () => {
        throw new Error("bodyLimit bug");
      },
    });
    expect((await untilClosed(t.port, get("/any") + get("/never"))).map((r) => [r.status, r.headers.get("connection")])).toEqual([[500, "close"]]);
    expect(t.seen).toEqual([]);
  });

  it("reads nothing more after a refusal on a connection that closes", async () => {
    const s = await serve({ limit: 10 });
    const rs = await untilClosed(s.port, `PUT /big HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 20\r\n\r\n${"a".repeat(20)}${get("/smuggled")}`);
    expect(rs.map((r) => [r.status, r.headers.get("connection")])).toEqual([[413, "close"]]);
    expect(s.seen).toEqual([]);

    // The same when the refusal comes from the body read so far (chunked).
    const chunked = await untilClosed(s.port, `PUT /big HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n${"a".repeat(20)}\r\n0\r\n\r\n${get("/smuggled")}`);
    expect(chunked.map((r) => r.status)).toEqual([413]);
    expect(s.seen).toEqual([]);
  });
});

describe("malformed requests", () => {
  const cases: Array<[string, string, number]> = [
    ["a bad request line", "GET /\r\nHost: x\r\n\r\n", 400],
    ["two spaces in the request line", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400],
    ["a lower-case protocol name", "GET / http/1.1\r\nHost: x\r\n\r\n", 400],
    ["garbage", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400],
    ["HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505],
    ["HTTP/0.9 with a version", "GET / HTTP/0.9\r\nHost: x\r\n\r\n", 505],
    ["an obs-fold header line", "GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n  b\r\n\r\n", 400],
    ["a space before the colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400],
    ["a header line without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400],
    ["a control character in a value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n", 400],
    ["a bare LF in a value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\nb: c\r\n\r\n", 400],
    ["an HTTP/1.1 request without Host", "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n", 400],
    ["an HTTP/1.1 request with two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400],
    ["a vertical tab at the end of a value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x0b\r\n\r\n", 400],
    ["both Content-Length and Transfer-Encoding", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
    ["two different Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400],
    ["a Content-Length that is not a number", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello", 400],
    ["a Content-Length list", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello", 400],
    ["a Transfer-Encoding other than chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nhello", 501],
    ["a coding it does not know before chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501],
    ["a chunk-size line over 1 KiB", `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;${"e".repeat(1100)}`, 400],
    ["chunked twice", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
  ];
  it.each(cases)("answers %s with its status and closes", async (_what, bytes, status) => {
    const s = await serve();
    const rs = await untilClosed(s.port, bytes + get("/after"));
    expect(rs.map((r) => [r.status, r.headers.get("connection")])).toEqual([[status, "close"]]);
    expect(s.seen).toEqual([]);
  });

  it("accepts the same Content-Length twice, empty lines before a request and a tab in a value", async () => {
    const s = await serve();
    const c = new Client(s.port);
    await c.write("\r\n\r\nPOST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\ncontent-length: 2\r\nX-Tab: a\tb \r\n\r\nok");
    expect((await c.responses(1))[0]!.body).toBe("POST /ok 2:ok");
    expect(s.seen[0]!.rawHeaders).toEqual(["Host", "x", "Content-Length", "2", "content-length", "2", "X-Tab", "a\tb"]);
  });

  it("keeps a value's bytes as sent (Latin-1, one character a byte), trimming only spaces and tabs around it", async () => {
    const s = await serve();
    const c = new Client(s.port);
    const utf8 = Buffer.from("voilà", "utf8").toString("latin1");
    await c.write(`GET /meta HTTP/1.1\r\nHost: x\r\nX-Amz-Meta-Word: \t ${utf8}\r\nX-Nbsp:\xa0a\xa0 \r\n\r\n`);
    await c.responses(1);
    const raw = s.seen[0]!.rawHeaders;
    expect(Buffer.from(raw[3]!, "latin1").toString("utf8")).toBe("voilà");
    expect(raw[5]).toBe("\xa0a\xa0");
  });

  it("takes an HTTP/1.0 request without Host", async () => {
    const s = await serve();
    expect((await answers(s.port, "GET /no-host HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 1))[0]!.body).toBe("GET /no-host 0:");
  });

  it("treats chunked HTTP/1.0 as faulty framing: read, answered, then closed", async () => {
    const s = await serve();
    const rs = await untilClosed(s.port, `POST /old HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n${get("/after")}`);
    expect(rs.map((r) => [r.body, r.headers.get("connection")])).toEqual([["POST /old 2:hi", "close"]]);
  });
});

describe("responses", () => {
  it("sends HEAD the headers its GET would get (the length given) and no body", async () => {
    const s = await serve({
      answer: (req, res) => {
        if (req.url === "/declared") res.send(200, { "Content-Length": 1234, ETag: '"e"' });
        else res.send(200, { "Content-Type": "text/plain" }, "hello");
      },
    });
    const c = new Client(s.port);
    await c.write(`HEAD /body HTTP/1.1\r\nHost: x\r\n\r\nHEAD /declared HTTP/1.1\r\nHost: x\r\n\r\n${get("/body")}`);
    const rs = await c.responses(3, (i) => i < 2);
    expect(rs.map((r) => [r.status, r.headers.get("content-length"), r.body])).toEqual([
      [200, "5", ""],
      [200, "1234", ""],
      [200, "5", "hello"],
    ]);
    // Nothing but the three answers arrived: no HEAD body slipped in between.
    expect(c.text.endsWith("\r\n\r\nhello")).toBe(true);
    expect(c.text.split("HTTP/1.1 200 OK").length).toBe(4);
  });

  it("sends 304 and 204 without a body or a Content-Length (a 204's dropped even when the handler gives one)", async () => {
    const s = await serve({
      answer: (req, res) => res.send(req.url === "/nm" ? 304 : 204, req.url === "/deleted" ? { ETag: '"abc"', "Content-Length": 0 } : { ETag: '"abc"' }, "not sent"),
    });
    const c = new Client(s.port);
    await c.write(get("/nm") + get("/nc") + get("/deleted") + get("/nm"));
    const rs = await c.responses(4);
    expect(rs.map((r) => [r.status, r.headers.has("content-length"), r.headers.get("etag")])).toEqual([
      [304, false, '"abc"'],
      [204, false, '"abc"'],
      [204, false, '"abc"'],
      [304, false, '"abc"'],
    ]);
    expect(c.text).not.toContain("not sent");
  });

  it("sends a Date header in RFC 9110's IMF-fixdate form", async () => {
    const s = await serve();
    const [r] = await answers(s.port, get("/"), 1);
    expect(r!.headers.get("date")).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
  });

  it("keeps the framing headers its own and writes a UTF-8 body with its byte length", async () => {
    const s = await serve({ answer: (_req, res) => res.send(200, { Connection: "close", "Transfer-Encoding": "chunked", "X-Multi": ["a", "b"], "X-Latin": "caf\xe9" }, "zürich €") });
    const rs = await answers(s.port, get("/one") + get("/two"), 2);
    expect(rs[0]!.headers.get("content-length")).toBe(String(Buffer.byteLength("zürich €")));
    expect(Buffer.from(rs[0]!.body, "latin1").toString("utf8")).toBe("zürich €");
    expect(rs[0]!.headers.has("transfer-encoding")).toBe(false);
    expect(rs[0]!.headers.has("connection")).toBe(false);
    expect(rs[0]!.headers.get("x-multi")).toBe("a, b");
    expect(rs[0]!.headers.get("x-latin")).toBe("caf\xe9");
    expect(rs[1]!.status).toBe(200);
  });

  it("writes Buffer bodies byte for byte, small ones and large ones", async () => {
    const large = Buffer.alloc(100 * 1024);
    for (let i = 0; i < large.length; i++) large[i] = (i * 7) & 0xff;
    const s = await serve({ answer: (req, res) => res.send(200, { "Content-Type": "application/octet-stream" }, req.url === "/large" ? large : large.subarray(0, 1000)) });
    const rs = await answers(s.port, get("/small") + get("/large") + get("/small"), 3);
    expect(rs.map((r) => Buffer.from(r.body, "latin1").equals(r.body.length === 1000 ? large.subarray(0, 1000) : large))).toEqual([true, true, true]);
    expect(rs.map((r) => r.body.length)).toEqual([1000, large.length, 1000]);
  });

  it("refuses a header value with CR or LF: send throws, nothing is written, and the handler can answer 500", async () => {
    const thrown: string[] = [];
    const s = await serve({
      answer: (req, res) => {
        try {
          res.send(200, { "X-Bad": req.url === "/cr" ? "a\rInjected: 1" : "a\r\nInjected: 1" }, "body");
        } catch (e) {
          thrown.push((e as Error).message);
          expect(res.headersSent).toBe(false);
          res.send(500, { "Content-Type": "text/plain" }, "handled");
        }
      },
    });
    const c = new Client(s.port);
    await c.write(get("/crlf") + get("/cr"));
    const rs = await c.responses(2);
    expect(rs.map((r) => [r.status, r.body])).toEqual([
      [500, "handled"],
      [500, "handled"],
    ]);
    expect(thrown).toHaveLength(2);
    expect(c.text).not.toContain("Injected");
    expect(c.text).not.toContain("X-Bad");
  });

  it("answers 500 itself when the handler throws before answering, and serves on", async () => {
    const s = await serve({
      answer: (req, res, body) => {
        if (req.url === "/throw") res.send(200, { "Bad Name": "x" });
        echo(req, res, body);
      },
    });
    const rs = await answers(s.port, get("/throw") + get("/fine"), 2);
    expect(rs.map((r) => [r.status, r.body])).toEqual([
      [500, "Internal Server Error\n"],
      [200, "GET /fine 0:"],
    ]);
  });
});

describe("timers", () => {
  it("ends a connection left idle between requests", async () => {
    const s = await serve({ idleSweepMs: 10 });
    const c = new Client(s.port);
    await c.write(get("/once"));
    await c.responses(1);
    const text = await c.ended();
    expect(parseResponses(text).map((r) => r.body)).toEqual(["GET /once 0:"]);

    // A connection that never sends anything is ended too, without a word.
    const silent = new Client(s.port);
    expect(await silent.ended()).toBe("");
  });

  it("counts a CRLF sent after a body as between requests: the idle connection ends without a 408", async () => {
    const s = await serve({ idleSweepMs: 10 });
    const c = new Client(s.port);
    await c.write(`${post("/crlf", "x")}\r\n`);
    const text = await c.ended();
    expect(parseResponses(text).map((r) => [r.status, r.body])).toEqual([[200, "POST /crlf 1:x"]]);
  });

  it("answers 408 to a request left incomplete past the request timeout, and closes", async () => {
    const s = await serve({ idleSweepMs: 10, requestTimeoutMs: 1 });
    const rs = await untilClosed(s.port, "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    expect(rs.map((r) => [r.status, r.headers.get("connection")])).toEqual([[408, "close"]]);
    expect(s.seen).toEqual([]);
  });

  it("answers 408, not silence, to a request stalled mid-head (the request timeout far off)", async () => {
    const s = await serve({ idleSweepMs: 10, requestTimeoutMs: 60_000 });
    const rs = await untilClosed(s.port, "GET /stalled HTTP/1.1\r\nHos");
    expect(rs.map((r) => r.status)).toEqual([408]);
  });

  it("answers 408 to a client that trickles its head past the request timeout", async () => {
    const s = await serve({ idleSweepMs: 10, requestTimeoutMs: 30 });
    const c = new Client(s.port);
    await c.write("GET /trickle HTTP/1.1\r\n");
    const trickle = setInterval(() => void c.write("X-Slow: 1\r\n").catch(() => undefined), 2);
    const text = await c.ended();
    clearInterval(trickle);
    expect(parseResponses(text).map((r) => r.status)).toEqual([408]);
  });

  it("keeps a connection whose answer is owed while the handler works past several sweeps", async () => {
    const s = await serve({ idleSweepMs: 5, answer: (req, res, body) => setTimeout(() => echo(req, res, body), 60) });
    const [r] = await answers(s.port, get("/slow-answer"), 1);
    expect(r!.body).toBe("GET /slow-answer 0:");
  });
});
