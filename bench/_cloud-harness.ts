// The harness every cloud benchmark shares: a `tfsim cloud serve` on a fresh TFSIM_HOME and moto's server side
// by side, the same boto3 client script run against each, and the server's own CPU time per call (utime+stime
// of its whole process tree from /proc, before and after the timed calls) as the figure that counts.
//
// A client script gets argv (endpoint, access key id, secret, operation, n); it sets up and warms up, prints
// "ready", waits for a line on stdin, makes n calls, and prints "done SECONDS".
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openCloud } from "../src/cloud/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLK_TCK = 100; // Linux's USER_HZ; /proc reports utime and stime in these ticks.

export interface Measure {
  readonly callsPerSecond: number;
  readonly cpuMsPerCall: number;
}

function cpuTicksOfTree(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: fields start after the last ")".
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const wanted = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!wanted.has(pid) && wanted.has(s.ppid)) {
        wanted.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of wanted) total += stats.get(pid)?.ticks ?? 0;
  return total;
}

function lines(child: ChildProcess): AsyncIterator<string> {
  let buffer = "";
  const queue: string[] = [];
  const waiters: Array<(v: IteratorResult<string>) => void> = [];
  let ended = false;
  child.stdout!.on("data", (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiters.shift();
      if (w) w({ value: line, done: false });
      else queue.push(line);
    }
  });
  child.on("exit", () => {
    ended = true;
    for (const w of waiters.splice(0)) w({ value: undefined, done: true });
  });
  return {
    next: () =>
      new Promise((resolveNext) => {
        const line = queue.shift();
        if (line !== undefined) resolveNext({ value: line, done: false });
        else if (ended) resolveNext({ value: undefined, done: true });
        else waiters.push(resolveNext);
      }),
  };
}

async function measure(client: string, serverPid: number, endpoint: string, keys: { id: string; secret: string }, op: string, n: number): Promise<Measure> {
  const child = spawn("python3", ["-c", client, endpoint, keys.id, keys.secret, op, String(n)], { stdio: ["pipe", "pipe", "inherit"] });
  const out = lines(child);
  const ready = await out.next();
  if (ready.value !== "ready") throw new Error(`the boto3 client did not start against ${endpoint}`);
  const before = cpuTicksOfTree(serverPid);
  child.stdin!.write("go\n");
  const done = await out.next();
  const after = cpuTicksOfTree(serverPid);
  const seconds = Number(done.value?.split(" ")[1]);
  if (!Number.isFinite(seconds)) throw new Error(`the boto3 client failed against ${endpoint}`);
  child.stdin!.end();
  return { callsPerSecond: n / seconds, cpuMsPerCall: (((after - before) / CLK_TCK) * 1000) / n };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on("error", rej);
  });
}

async function waitForLine(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  let text = "";
  return new Promise((res, rej) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = re.exec(text);
      if (m) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        res(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => rej(new Error(`exited with ${code} before it was ready:\n${text}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((res) => child.on("exit", () => res()));
  child.kill("SIGTERM");
  await exited;
}

export interface PeerBench {
  /** Prefix of the temporary TFSIM_HOME. */
  readonly homePrefix: string;
  /** The boto3 client script (see the protocol above). */
  readonly client: string;
  /** Operations and how many timed calls each. */
  readonly ops: readonly { readonly name: string; readonly calls: number }[];
  /** A line printed before the table. */
  readonly header: string;
  /** Extra environment for the tfsim server. */
  readonly env?: Readonly<Record<string, string>>;
}

const MOTO_KEYS = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

/** A fresh `tfsim cloud serve` (new TFSIM_HOME) and moto server side by side for `use`, stopped afterwards. */
async function withServers<T>(
  bench: PeerBench,
  use: (tfsim: { pid: number; url: string; keys: { id: string; secret: string } }, moto: { pid: number; url: string }) => Promise<T>,
): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), bench.homePrefix));
  const cloud = openCloud({ home });
  const rootKeys = cloud.rootCredentials();
  cloud.close();
  const tfsim = spawn(process.execPath, [join(repoRoot, "bin/tfsim.js"), "cloud", "serve", "-port=0"], {
    env: { ...process.env, TFSIM_HOME: home, ...bench.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const motoPort = await freePort();
  const moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(motoPort)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const tfsimUrl = (await waitForLine(tfsim, /at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await waitForLine(moto, /Running on http/);
    return await use(
      { pid: tfsim.pid!, url: tfsimUrl, keys: { id: rootKeys.accessKeyId, secret: rootKeys.secretAccessKey } },
      { pid: moto.pid!, url: `http://127.0.0.1:${motoPort}` },
    );
  } finally {
    await stop(tfsim);
    await stop(moto);
    rmSync(home, { recursive: true, force: true });
  }
}

/** Paired rounds per operation (BENCH_CLOUD_ROUNDS): the machine's noise moves one round by up to ~10%. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_CLOUD_ROUNDS ?? 3));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Each operation against its own fresh pair of servers, in ROUNDS paired rounds (tfsim, then moto, each round on
 * new servers): what one operation leaves behind (the instances run_instances made) does not change what the next
 * one measures (the describe lists exactly its 500). The row shows the median round of each server, the ratio of
 * those medians, and the lowest and highest ratio of a single round.
 */
export async function compareWithMoto(bench: PeerBench): Promise<void> {
  const width = Math.max(22, ...bench.ops.map((o) => o.name.length + 2));
  console.log(
    `${bench.header}; one boto3 client, sequential, fresh servers per operation and round; ${ROUNDS} paired round(s), medians shown; server CPU = utime+stime of its process tree\n`,
  );
  console.log(`${"operation".padEnd(width)}server   calls/s   server CPU ms/call`);
  for (const op of bench.ops) {
    const rounds: Array<[Measure, Measure]> = [];
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(
        await withServers(bench, async (tfsim, moto): Promise<[Measure, Measure]> => [
          await measure(bench.client, tfsim.pid, tfsim.url, tfsim.keys, op.name, op.calls),
          await measure(bench.client, moto.pid, moto.url, MOTO_KEYS, op.name, op.calls),
        ]),
      );
    }
    const mid = (i: 0 | 1): Measure => ({
      callsPerSecond: median(rounds.map((x) => x[i].callsPerSecond)),
      cpuMsPerCall: median(rounds.map((x) => x[i].cpuMsPerCall)),
    });
    const [t, m] = [mid(0), mid(1)];
    const ratios = rounds.map(([a, b]) => b.cpuMsPerCall / a.cpuMsPerCall);
    const row = (server: string, x: Measure) =>
      console.log(`${op.name.padEnd(width)}${server.padEnd(9)}${x.callsPerSecond.toFixed(1).padStart(7)}   ${x.cpuMsPerCall.toFixed(3).padStart(8)}`);
    row("tfsim", t);
    row("moto", m);
    const spread = ROUNDS > 1 ? ` (rounds ${Math.min(...ratios).toFixed(1)}-${Math.max(...ratios).toFixed(1)}x)` : "";
    console.log(
      `${"".padEnd(width)}ratio    ${(t.callsPerSecond / m.callsPerSecond).toFixed(2).padStart(6)}x  ${(m.cpuMsPerCall / t.cpuMsPerCall).toFixed(1).padStart(7)}x less CPU per call${spread} (target ≥5x)`,
    );
  }
}
