// Child process for the kill -9 test: records completed changes through the local backend in a loop and
// prints each id only after backend.record() resolved; every `compactEvery` changes it compacts (put) too,
// so the kill can land inside a snapshot write as well as inside a journal append.
import { LocalBackend, State } from "../../dist/state/index.js";
import { parseAbsResourceInstance } from "../../dist/src/addrs/index.js";

const [dir, total, compactEvery, concurrency] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a)));
const provider = 'provider["terraform.io/builtin/terraform"]';
const backend = new LocalBackend("terraform.tfstate", { cwd: dir });
const lock = await backend.lock({ operation: "OperationTypeApply" });
if (!lock.id) throw new Error("lock failed");
const got = await backend.get();
const state = got.state ?? State.empty();
const journal = await backend.openJournal(state);

let next = 0;
async function worker() {
  while (next < total) {
    const i = next++;
    const addr = `terraform_data.r[${i}]`;
    const object = {
      schemaVersion: 0,
      attributes: { id: `id-${i}`, input: { value: `v${i}`.repeat(20), type: "string" }, output: { value: `v${i}`.repeat(20), type: "string" }, triggers_replace: null },
      sensitiveAttributes: [],
    };
    // Apply to memory first, then journal: the backend's contract.
    state.setCurrent(parseAbsResourceInstance(addr).addr, provider, object);
    await journal.record({ kind: "instance", addr, provider, object });
    process.stdout.write(`${i}\n`);
    if (compactEvery && (i + 1) % compactEvery === 0) await backend.put(state);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
await journal.close();
await backend.put(state);
await backend.unlock(lock.id);
process.stdout.write("done\n");
