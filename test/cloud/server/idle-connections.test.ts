// Keep-alive connections: the server answers on one and ends it once it has stayed idle for a whole sweep (Node's
// per-response keep-alive timer is off: it cost every call). The server runs in process with a short sweep.
import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../../src/cloud/index.js";
import { startServer, type RunningServer } from "../../../src/cloud/server.js";
import { tempDir } from "../../helpers/cli.js";

let cloud: LocalCloud;
let server: RunningServer;

beforeAll(async () => {
  cloud = openCloud({ home: tempDir("tfsim-idle-") });
  server = await startServer({ cloud, port: 0, idleSweepMs: 50 });
});

afterAll(async () => {
  await server?.close();
  cloud?.close();
});

it("keeps a connection open after an answer, then ends it once idle", async () => {
  const socket = connect(server.port, "127.0.0.1");
  let received = "";
  socket.on("data", (d: Buffer) => (received += d.toString()));
  const closed = new Promise<boolean>((resolve) => socket.on("close", (hadError) => resolve(hadError)));
  const ended = new Promise<void>((resolve) => socket.on("end", () => resolve()));
  const body = "Action=GetCallerIdentity&Version=2011-06-15";
  socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  await ended;
  expect(await closed).toBe(false);
  expect(received).toMatch(/^HTTP\/1\.1 403 /);
  expect(received).toContain("MissingAuthenticationToken");
  expect(received.toLowerCase()).not.toContain("connection: close");
});
