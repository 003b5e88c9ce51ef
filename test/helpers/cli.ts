// Runs the real, built CLI (bin/tfsim.js) as a user would, in a child process.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const tfsimBin = join(repoRoot, "bin/tfsim.js");

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runTfsim(args: readonly string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(process.execPath, [tfsimBin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input ?? "",
    encoding: "utf8",
    // tfsim colours by default as Terraform does; tests read plain text unless they ask for colour (NO_COLOR: "").
    env: { ...process.env, NO_COLOR: "1", CHECKPOINT_DISABLE: "1", ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "tfsim-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Calls `onLine` with each complete line a child process writes to `stream`, as it arrives. */
export function onEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = "";
  stream.on("data", (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
}
