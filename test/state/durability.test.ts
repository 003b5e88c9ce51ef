// kill -9 in the middle of thousands of recorded changes: the state loads, holds every change the child
// reported complete, and nothing is half-written. Real processes, real files, real fsync.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAbsResourceInstance } from "../../src/addrs/index.js";
import { LocalBackend } from "../../state/index.js";
import { repoRoot, tempDir } from "../helpers/cli.js";

const child = join(repoRoot, "test/state/journal-child.mjs");

/** Runs the child until it has reported `killAfter` ids (then SIGKILL), or to the end; returns reported ids. */
function runChild(dir: string, total: number, compactEvery: number, concurrency: number, killAfter?: number): Promise<{ ids: number[]; done: boolean }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dir, String(total), String(compactEvery), String(concurrency)], { stdio: ["ignore", "pipe", "pipe"] });
    const ids: number[] = [];
    let done = false;
    let buf = "";
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop()!;
      for (const l of lines) {
        if (l === "done") done = true;
        else ids.push(Number(l));
      }
      if (killAfter !== undefined && ids.length >= killAfter && p.exitCode === null) p.kill("SIGKILL");
    });
    p.on("exit", (code, signal) => {
      if (code !== 0 && signal !== "SIGKILL") reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ ids, done });
    });
  });
}

async function expectStateHolds(dir: string, ids: number[]) {
  const b = new LocalBackend("terraform.tfstate", { cwd: dir });
  const got = await b.get();
  expect(got.diagnostics.hasErrors()).toBe(false);
  const state = got.state!;
  for (const i of ids) {
    const obj = state.current(parseAbsResourceInstance(`terraform_data.r[${i}]`).addr!);
    expect(obj?.attributes.id, `terraform_data.r[${i}] reported complete but missing`).toBe(`id-${i}`);
  }
  // Nothing half-written: every instance present is whole.
  for (const inst of state.instances()) {
    const i = inst.addr.resource.key as number;
    expect(inst.current!.attributes).toEqual({
      id: `id-${i}`,
      input: { value: `v${i}`.repeat(20), type: "string" },
      output: { value: `v${i}`.repeat(20), type: "string" },
      triggers_replace: null,
    });
  }
  return { state, replayed: got.replayed };
}

describe("durability under kill -9", () => {
  for (const [label, compactEvery, concurrency, killAfter] of [
    ["journal only, sequential", 0, 1, 1500],
    ["journal + periodic compaction, 10 in parallel", 250, 10, 2100],
    ["kill around the 2nd compaction", 500, 10, 1000],
  ] as const) {
    it(label, { timeout: 120_000 }, async () => {
      const dir = tempDir("tfsim-kill-");
      const { ids, done } = await runChild(dir, 5000, compactEvery, concurrency, killAfter);
      expect(done).toBe(false);
      expect(ids.length).toBeGreaterThanOrEqual(killAfter);
      const { state } = await expectStateHolds(dir, ids);
      expect(state.instances().length).toBeGreaterThanOrEqual(ids.length);

      // The next run recovers: it takes the dead child's lock (with a warning), finishes, and compacts.
      const rest = await runChild(dir, 5000, 0, 10);
      expect(rest.done).toBe(true);
      const final = await expectStateHolds(dir, [...Array(5000).keys()]);
      expect(final.replayed).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(["terraform.tfstate", "terraform.tfstate.backup"]);
    });
  }
});
