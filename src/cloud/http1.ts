// HTTP/1.1 (RFC 9112) for `tfsim cloud serve`, straight on TCP sockets. Why not node:http: every call here is
// small, synchronous and answered whole, and node:http's per-message streams, header objects and events cost
// server CPU on each: with boto3 against the server, a 1 KB get_object took 0.31-0.38 ms of server CPU over
// node:http and 0.25 ms over this (put_object 0.37 -> 0.34), the same day on the same machine. What a server owes
// its clients is kept: message framing by Content-Length or chunked transfer coding, Expect: 100-continue,
// persistent connections (HTTP/1.0 keep-alive too), pipelined requests answered in order, limits on head and body,
// and a 4xx (then close) for anything malformed: a request that cannot be framed cannot be followed by another on
// the same connection.
import { STATUS_CODES } from "node:http";
import { createServer, type Server, type Socket } from "node:net";

export interface Http1Request {
  readonly method: string;
  /** The request-target as sent: "/bucket/key?versionId=..." */
  readonly url: string;
  readonly httpVersion: "1.0" | "1.1";
  /** [name, value, name, value, ...] as received: names in their case, repeats kept (as node:http's rawHeaders). */
  readonly rawHeaders: readonly string[];
  readonly remoteAddress: string | undefined;
}

export type HeaderValue = string | number | readonly string[];

export interface Http1Response {
  readonly headersSent: boolean;
  /**
   * Writes the whole response. A body is never sent to HEAD, nor with 1xx, 204 or 304; Content-Length is added
   * from the body when not given (a HEAD answer gives the length its GET would have).
   */
  send(status: number, headers: Readonly<Record<string, HeaderValue>>, body?: string | Buffer): void;
  /** Drops the connection without an answer. */
  destroy(): void;
}

export interface Http1Handler {
  /** The largest body this request may have, asked once its head is read. */
  bodyLimit(req: Http1Request): number;
  /** Answers a request whose body (declared, or read so far) is over its limit; the rest is read and dropped. */
  tooLarge(req: Http1Request, res: Http1Response, proposedBytes: number): void;
  /** The whole request, its body read (and de-chunked). */
  request(req: Http1Request, res: Http1Response, body: Buffer): void;
}

export interface Http1Options {
  /** Largest request head (request line and headers); node:http's default, 16 KiB. */
  readonly maxHeaderBytes?: number;
  /**
   * How often connections are looked at: one that moved no byte since the last look is ended (answered 408 first
   * when a request on it was begun; never while the handler owes it an answer).
   */
  readonly idleSweepMs: number;
  /** A request still incomplete this long after its first byte is answered 408 and its connection closed. */
  readonly requestTimeoutMs: number;
}

export interface Http1Server {
  readonly server: Server;
  /** Ends the connections that are between requests. */
  closeIdleConnections(): void;
  closeAllConnections(): void;
}

const MAX_HEADER_BYTES = 16 * 1024;
/** A refused body is read and dropped up to this multiple of its limit (so the client sees the answer, not a reset). */
const DISCARD_FACTOR = 4;
/** Buffer bodies up to this size go out in one write with the head; larger ones in a second (corked) write. */
const COPY_BODY_MAX = 16 * 1024;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([^\s\x00-\x1f\x7f]+) HTTP\/1\.([01])$/;
/** Characters a field value may not carry out: CR, LF, NUL and other controls but HTAB; nothing past Latin-1. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const NON_ASCII = /[\x80-\xff]/;

export function createHttp1Server(handler: Http1Handler, options: Http1Options): Http1Server {
  const connections = new Set<Connection>();
  const limits = { maxHeaderBytes: options.maxHeaderBytes ?? MAX_HEADER_BYTES, requestTimeoutMs: options.requestTimeoutMs };
  // Half-open: a client may end its side after its last request and still be owed the answers (see Connection.parse).
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (socket) => {
    const c = new Connection(socket, handler, limits);
    connections.add(c);
    socket.once("close", () => connections.delete(c));
  });
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const c of connections) c.sweep(now);
  }, options.idleSweepMs);
  sweep.unref();
  server.once("close", () => clearInterval(sweep));
  return {
    server,
    closeIdleConnections: () => {
      for (const c of connections) if (c.idle) c.socket.destroy();
    },
    closeAllConnections: () => {
      for (const c of connections) c.socket.destroy();
    },
  };
}

type Phase =
  | { kind: "head" }
  | { kind: "length"; remaining: number }
  | { kind: "chunk-size" }
  | { kind: "chunk-data"; remaining: number }
  | { kind: "chunk-end" }
  | { kind: "trailers" }
  /** A response is owed for the request just read (the handler has not answered it yet). */
  | { kind: "answering" }
  | { kind: "closed" };

class Connection {
  private pending: Buffer | undefined;
  private phase: Phase = { kind: "head" };
  private req: Http1Request | undefined;
  private keepAlive = true;
  private bodyParts: Buffer[] = [];
  private bodySize = 0;
  private limit = 0;
  /** Set once the request's body is over its limit: the rest is dropped, up to `discardUntil` bytes. */
  private refused = false;
  /** The answer owed to a refused request: given when refused, or later by a handler that answers asynchronously. */
  private refusal: Http1Response | undefined;
  private discardUntil = 0;
  private requestStartedMs = 0;
  private movedAtLastSweep = -1;
  /** Inside parse(): an answer given synchronously lets that loop go on rather than start another. */
  private parsing = false;
  /** Reading stopped while an answer is owed, so pipelined bytes wait in the kernel rather than pile up in `pending`. */
  private held = false;
  /** The client has ended its side: once every request it sent is answered, this side ends too. */
  private peerEnded = false;

  constructor(
    readonly socket: Socket,
    private readonly handler: Http1Handler,
    private readonly limits: { maxHeaderBytes: number; requestTimeoutMs: number },
  ) {
    socket.on("data", (d: Buffer) => this.onData(d));
    // A reset or a write to a closed peer: nothing to answer.
    socket.on("error", () => socket.destroy());
    socket.on("end", () => {
      this.peerEnded = true;
      if (!this.parsing) this.parse();
    });
  }

  /** Between requests, with nothing of the next one read. */
  get idle(): boolean {
    return this.phase.kind === "head" && this.pending === undefined;
  }

  sweep(nowMs: number): void {
    const moved = this.socket.bytesRead + this.socket.bytesWritten;
    const stalled = moved === this.movedAtLastSweep;
    this.movedAtLastSweep = moved;
    // The handler owes this connection an answer: it is not idle, however long the answer takes.
    if (this.phase.kind === "answering") return;
    // A request begun and stalled, or dragged past its time, is told so (408) rather than cut off unanswered.
    if (!this.idle && this.phase.kind !== "closed" && (stalled || nowMs - this.requestStartedMs > this.limits.requestTimeoutMs)) return this.fail(408);
    if (stalled) this.socket.destroy();
  }

  private onData(d: Buffer): void {
    if (this.phase.kind === "closed") return;
    if (this.pending === undefined && this.idle) this.requestStartedMs = Date.now();
    this.pending = this.pending === undefined ? d : Buffer.concat([this.pending, d]);
    this.parse();
    if (this.phase.kind === "answering" && this.pending !== undefined && !this.socket.isPaused()) {
      this.held = true;
      this.socket.pause();
    }
  }

  /** Consumes as much of `pending` as makes progress; ends a connection whose client has ended and is owed nothing. */
  private parse(): void {
    this.parsing = true;
    try {
      this.parseLoop();
    } finally {
      this.parsing = false;
    }
    // What is left of a request can never be completed now; an answer still owed is written first (send resumes here).
    if (this.peerEnded && this.phase.kind !== "answering" && this.phase.kind !== "closed") {
      this.phase = { kind: "closed" };
      this.pending = undefined;
      this.socket.end();
    }
  }

  private parseLoop(): void {
    while (this.pending !== undefined && this.pending.length > 0) {
      const before = this.pending.length;
      const phase = this.phase;
      switch (phase.kind) {
        case "head":
          this.readHead();
          break;
        case "length":
          if (this.takeBody(phase)) this.complete();
          break;
        case "chunk-size": {
          const eol = this.pending.indexOf("\r\n");
          if (eol < 0) {
            if (this.pending.length > 1024) this.fail(400);
            return;
          }
          const sizeText = this.pending.toString("latin1", 0, eol).split(";")[0]!.trim();
          this.slice(eol + 2);
          if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) return this.fail(400);
          const size = parseInt(sizeText, 16);
          this.phase = size === 0 ? { kind: "trailers" } : { kind: "chunk-data", remaining: size };
          break;
        }
        case "chunk-data":
          if (this.takeBody(phase)) this.phase = { kind: "chunk-end" };
          break;
        case "chunk-end":
          if (this.pending.length < 2) return;
          if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a) return this.fail(400);
          this.slice(2);
          this.phase = { kind: "chunk-size" };
          break;
        case "trailers": {
          // Trailer fields are read and dropped: nothing here needs them (aws-chunked trailers are in the body).
          const eol = this.pending.indexOf("\r\n");
          if (eol < 0) {
            if (this.pending.length > this.limits.maxHeaderBytes) this.fail(431);
            return;
          }
          this.slice(eol + 2);
          if (eol === 0) this.complete();
          break;
        }
        case "answering":
        case "closed":
          return;
      }
      if (this.pending !== undefined && this.pending.length === before && this.phase === phase) return;
    }
  }

  /**
   * Takes what is buffered of the bytes a body phase still wants; true once it has them all. A refusal that closes
   * (or a drop) ends the reading: nothing after it belongs to this connection.
   */
  private takeBody(phase: { remaining: number }): boolean {
    const n = Math.min(phase.remaining, this.pending!.length);
    this.take(this.slice(n));
    if (this.phase.kind === "closed") return false;
    phase.remaining -= n;
    return phase.remaining === 0;
  }

  /** The first `n` bytes of `pending`, removed from it. */
  private slice(n: number): Buffer {
    const p = this.pending!;
    const out = n === p.length ? p : p.subarray(0, n);
    this.pending = n === p.length ? undefined : p.subarray(n);
    return out;
  }

  private readHead(): void {
    const p = this.pending!;
    // A client may send empty lines between requests (RFC 9112 §2.2).
    let start = 0;
    while (start + 1 < p.length && p[start] === 0x0d && p[start + 1] === 0x0a) start += 2;
    // Nothing but those (as some clients send after a body): still between requests, so still idle.
    if (start === p.length) return void (this.pending = undefined);
    const end = p.indexOf("\r\n\r\n", start);
    if (end < 0) {
      if (p.length - start > this.limits.maxHeaderBytes) this.fail(431);
      return;
    }
    if (end - start > this.limits.maxHeaderBytes) return this.fail(431);
    const lines = p.toString("latin1", start, end).split("\r\n");
    this.slice(end + 4);
    const line = REQUEST_LINE.exec(lines[0]!);
    if (!line) return this.fail(/^\S+ \S+ HTTP\/\d+(\.\d+)?$/.test(lines[0]!) ? 505 : 400);
    const rawHeaders: string[] = [];
    let contentLength: string | undefined;
    let transferEncoding: string | undefined;
    let connection = "";
    let expect: string | undefined;
    let hosts = 0;
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i]!;
      const colon = l.indexOf(":");
      // No obs-fold (a line starting with whitespace), no space before the colon, no controls in the value.
      if (colon <= 0) return this.fail(400);
      const name = l.slice(0, colon);
      if (!TOKEN.test(name)) return this.fail(400);
      const value = trimOws(l.slice(colon + 1));
      if (BAD_VALUE.test(value)) return this.fail(400);
      rawHeaders.push(name, value);
      switch (framingHeader(name)) {
        case "content-length":
          if (contentLength !== undefined && contentLength !== value) return this.fail(400);
          contentLength = value;
          break;
        case "transfer-encoding":
          transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
          break;
        case "connection":
          connection += `,${value.toLowerCase()}`;
          break;
        case "expect":
          expect = value.toLowerCase();
          break;
        case "host":
          hosts++;
          break;
      }
    }
    const httpVersion = line[3] === "1" ? "1.1" : "1.0";
    // An HTTP/1.1 request names exactly one Host (RFC 9112 §3.2): S3 reads its bucket from it.
    if (httpVersion === "1.1" && hosts !== 1) return this.fail(400);
    // close wins over keep-alive, whatever the version (RFC 9112 §9.3).
    this.keepAlive = !/(^|,)\s*close\s*(,|$)/.test(connection) && (httpVersion === "1.1" || /(^|,)\s*keep-alive\s*(,|$)/.test(connection));
    const req: Http1Request = { method: line[1]!, url: line[2]!, httpVersion, rawHeaders, remoteAddress: this.socket.remoteAddress };
    this.req = req;
    this.bodyParts = [];
    this.bodySize = 0;
    this.refused = false;

    let declared = 0;
    let chunked = false;
    if (transferEncoding !== undefined) {
      // Both framings at once is how requests are smuggled; a coding other than chunked last cannot be framed.
      if (contentLength !== undefined) return this.fail(400);
      const codings = transferEncoding.toLowerCase().split(",").map((c) => c.trim()).filter((c) => c !== "");
      if (codings[codings.length - 1] !== "chunked") return this.fail(httpVersion === "1.0" ? 400 : 501);
      // chunked is applied once (RFC 9112 §7); any other coding (gzip, ...) this server cannot undo: 501, not its bytes.
      if (codings.indexOf("chunked") !== codings.length - 1) return this.fail(400);
      if (codings.length > 1) return this.fail(501);
      chunked = true;
      // An HTTP/1.0 message with Transfer-Encoding has faulty framing: answered, then the connection closes (§6.1).
      if (httpVersion === "1.0") this.keepAlive = false;
    } else if (contentLength !== undefined) {
      if (!/^\d{1,15}$/.test(contentLength)) return this.fail(400);
      declared = Number(contentLength);
    }
    if (expect !== undefined && expect !== "100-continue") return this.fail(417);
    if (expect === "100-continue" && httpVersion === "1.1" && (chunked || declared > 0)) this.socket.write("HTTP/1.1 100 Continue\r\n\r\n", "latin1");

    try {
      this.limit = this.handler.bodyLimit(req);
    } catch {
      return this.fail(500);
    }
    if (declared > this.limit) {
      this.refuse(declared);
      if (this.phase.kind === "closed") return;
    }
    if (chunked) this.phase = { kind: "chunk-size" };
    else if (declared > 0) this.phase = { kind: "length", remaining: declared };
    else this.complete();
  }

  /** Adds body bytes (or drops them once refused). */
  private take(bytes: Buffer): void {
    this.bodySize += bytes.length;
    if (this.refused) {
      if (this.bodySize > this.discardUntil) this.drop();
      return;
    }
    if (this.bodySize > this.limit) {
      this.bodyParts = [];
      this.refuse(this.bodySize);
      return;
    }
    this.bodyParts.push(bytes);
  }

  private refuse(proposed: number): void {
    this.refused = true;
    this.discardUntil = this.limit * DISCARD_FACTOR;
    this.bodyParts = [];
    const req = this.req!;
    const res = this.response(req);
    this.refusal = res;
    this.answer(res, () => this.handler.tooLarge(req, res, proposed));
  }

  /** The request is read whole: answer it (unless it was answered when refused), then go on to the next. */
  private complete(): void {
    const req = this.req!;
    // Until its answer is written the next request waits, a refusal's too (its handler may answer later).
    this.phase = { kind: "answering" };
    if (this.refused) return void (this.refusal!.headersSent && this.next());
    const body = this.bodyParts.length === 1 ? this.bodyParts[0]! : Buffer.concat(this.bodyParts);
    this.bodyParts = [];
    const res = this.response(req);
    this.answer(res, () => this.handler.request(req, res, body));
  }

  /** Calls the handler; one that throws before answering gets a 500 for it, and the connection goes on. */
  private answer(res: Http1Response, call: () => void): void {
    try {
      call();
    } catch {
      if (!res.headersSent) res.send(500, { "Content-Type": "text/plain" }, "Internal Server Error\n");
    }
  }

  /** Ready for the next request: parse what is already buffered (pipelined) or wait for it. */
  private next(): void {
    if (this.phase.kind === "closed") return;
    this.phase = { kind: "head" };
    if (this.held) {
      this.held = false;
      this.socket.resume();
    }
    if (this.pending !== undefined) this.requestStartedMs = Date.now();
    if (!this.parsing) this.parse();
  }

  private response(req: Http1Request): Http1Response {
    let sent = false;
    return {
      get headersSent() {
        return sent;
      },
      send: (status, headers, body) => {
        if (sent || this.phase.kind === "closed") return;
        const close = !this.keepAlive;
        const bodyOut = req.method === "HEAD" || status === 204 || status === 304 ? undefined : body;
        const head = responseHead(status, headers, body, close, req.httpVersion);
        sent = true;
        this.write(head, bodyOut);
        if (close) {
          this.phase = { kind: "closed" };
          this.socket.end();
        } else if (this.phase.kind === "answering") this.next();
      },
      destroy: () => this.drop(),
    };
  }

  /** Writes a response; a client that does not read its answers stops being read until they drain. */
  private write(head: string, body: string | Buffer | undefined): void {
    const s = this.socket;
    if (body === undefined || body.length === 0) s.write(head, "latin1");
    else if (typeof body === "string") {
      // One write when the head is ASCII (UTF-8 and Latin-1 agree on it); Latin-1 past ASCII needs its own.
      if (NON_ASCII.test(head)) {
        s.cork();
        s.write(head, "latin1");
        s.write(body, "utf8");
        s.uncork();
      } else s.write(head + body, "utf8");
    } else if (body.length <= COPY_BODY_MAX) {
      const headBytes = Buffer.byteLength(head, "latin1");
      const out = Buffer.allocUnsafe(headBytes + body.length);
      out.write(head, 0, "latin1");
      body.copy(out, headBytes);
      s.write(out);
    } else {
      s.cork();
      s.write(head, "latin1");
      s.write(body);
      s.uncork();
    }
    if (s.writableNeedDrain && !s.isPaused()) {
      s.pause();
      s.once("drain", () => s.resume());
    }
  }

  /** Ends the connection at once, unanswered; whatever was read past this point is forgotten. */
  private drop(): void {
    this.phase = { kind: "closed" };
    this.pending = undefined;
    this.socket.destroy();
  }

  /** A request that cannot be read or framed: its status, and the connection closes. */
  private fail(status: number): void {
    if (this.phase.kind === "closed") return;
    this.phase = { kind: "closed" };
    this.pending = undefined;
    const body = `${STATUS_CODES[status] ?? "Bad Request"}\n`;
    this.write(responseHead(status, { "Content-Type": "text/plain" }, body, true, "1.1"), body);
    this.socket.end();
  }
}

/** The status line and header section of a response; throws on a header node:http would refuse too. */
function responseHead(status: number, headers: Readonly<Record<string, HeaderValue>>, body: string | Buffer | undefined, close: boolean, version: "1.0" | "1.1"): string {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Unknown"}\r\n`;
  let hasLength = false;
  let hasDate = false;
  for (const name in headers) {
    const value = headers[name]!;
    if (!TOKEN.test(name)) throw new Error(`invalid response header name ${JSON.stringify(name)}`);
    const lower = name.toLowerCase();
    if (lower === "content-length") {
      // A 1xx or 204 has no content to measure: it MUST NOT carry a length (RFC 9110 §8.6), whatever the handler says.
      if (status < 200 || status === 204) continue;
      hasLength = true;
    }
    else if (lower === "date") hasDate = true;
    // The connection's framing is this server's to say.
    else if (lower === "connection" || lower === "transfer-encoding") continue;
    for (const v of typeof value === "object" ? value : [value]) {
      const text = String(v);
      if (BAD_VALUE.test(text)) throw new Error(`invalid character in response header ${name}`);
      head += `${name}: ${text}\r\n`;
    }
  }
  if (!hasLength && status >= 200 && status !== 204 && status !== 304) {
    head += `Content-Length: ${body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length}\r\n`;
  }
  if (!hasDate) head += `Date: ${httpDate()}\r\n`;
  if (close) head += "Connection: close\r\n";
  else if (version === "1.0") head += "Connection: keep-alive\r\n";
  return head + "\r\n";
}

const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "expect", "host"]);
const FRAMING_LENGTHS = new Set([...FRAMING_HEADERS].map((h) => h.length));

/** The lower-case name of a header that frames the message or the connection (or Host), else "" (most headers: no lowercasing). */
function framingHeader(name: string): string {
  if (!FRAMING_LENGTHS.has(name.length)) return "";
  const lower = name.toLowerCase();
  return FRAMING_HEADERS.has(lower) ? lower : "";
}

/** A field value without the whitespace around it: SP and HTAB only (String.trim also eats 0xA0, a byte UTF-8 uses). */
function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

let dateSecond = -1;
let dateText = "";

/** The Date header's value, made once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}
