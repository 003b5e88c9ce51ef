#!/usr/bin/env node
import { readFileSync, statSync } from "node:fs";

// The bundle `npm run build` makes (scripts/bundle.mjs) starts faster than the modules tsc wrote, but only
// while it is current: once any module it was made from is newer (a plain `tsc` since), run the modules.
function entry() {
  const modules = "../dist/src/cli/main.js";
  try {
    const made = JSON.parse(readFileSync(new URL("../dist/bundle/inputs.json", import.meta.url), "utf8"));
    for (const f of made.inputs) if (statSync(new URL(`../${f}`, import.meta.url)).mtimeMs > made.builtAt) return modules;
    return "../dist/bundle/main.js";
  } catch {
    return modules;
  }
}

// A reader that goes away (`tfsim plan | head`) must neither crash tfsim with a stack trace nor cut an apply
// short: what is left of the output is dropped and the run finishes (its state saved) as it would have.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    stream.write = () => true;
  });
}

const { main } = await import(entry());
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // A prompt read stdin (an answer to "Enter a value:"); a pipe left open behind it must not keep tfsim alive.
  if (process.stdin.readableFlowing !== null) process.stdin.destroy();
});
