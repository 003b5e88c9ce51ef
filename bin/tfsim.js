#!/usr/bin/env node
import { main } from "../dist/src/cli/main.js";

// A reader that goes away (`tfsim plan | head`) must neither crash tfsim with a stack trace nor cut an apply
// short: what is left of the output is dropped and the run finishes (its state saved) as it would have.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    stream.write = () => true;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // A prompt read stdin (an answer to "Enter a value:"); a pipe left open behind it must not keep tfsim alive.
  if (process.stdin.readableFlowing !== null) process.stdin.destroy();
});
