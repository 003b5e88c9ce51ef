// `npm run bench -- state`: the local backend's durability costs: journaled changes per second (each one
// fsync'd before it is acknowledged; group commit under concurrency) and a snapshot write of 10,000 instances.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAbsResourceInstance } from "../src/addrs/index.js";
import { LocalBackend, State, type InstanceObject } from "../state/index.js";

const provider = 'provider["terraform.io/builtin/terraform"]';
const object = (i: number): InstanceObject => ({
  schemaVersion: 0,
  attributes: { id: `id-${i}`, input: { value: `v${i}`, type: "string" }, output: { value: `v${i}`, type: "string" }, triggers_replace: null },
  sensitiveAttributes: [],
});

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tfsim-bench-state-"));
  try {
    for (const concurrency of [1, 10]) {
      const b = new LocalBackend(join(dir, `c${concurrency}.tfstate`));
      const state = State.empty();
      const journal = await b.openJournal(state);
      const n = 2000;
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < n) {
            const i = next++;
            const addr = `terraform_data.r[${i}]`;
            state.setCurrent(parseAbsResourceInstance(addr).addr!, provider, object(i));
            await journal.record({ kind: "instance", addr, provider, object: object(i) });
          }
        }),
      );
      const ms = performance.now() - t;
      console.log(`journal ${n} changes, ${concurrency} at a time`.padEnd(40), `${ms.toFixed(0).padStart(6)} ms  (${((n / ms) * 1000).toFixed(0)}/s)`);
      await journal.close();
    }
    const big = State.empty();
    for (let i = 0; i < 10_000; i++) big.setCurrent(parseAbsResourceInstance(`terraform_data.r[${i}]`).addr!, provider, object(i));
    const b = new LocalBackend(join(dir, "big.tfstate"));
    let t = performance.now();
    await b.put(big);
    console.log("snapshot put, 10,000 instances".padEnd(40), `${(performance.now() - t).toFixed(0).padStart(6)} ms`);
    t = performance.now();
    await new LocalBackend(join(dir, "big.tfstate")).get();
    console.log("snapshot get, 10,000 instances".padEnd(40), `${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
