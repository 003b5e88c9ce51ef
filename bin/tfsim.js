#!/usr/bin/env node
import { main } from "../dist/src/cli/main.js";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // A prompt read stdin (an answer to "Enter a value:"); a pipe left open behind it must not keep tfsim alive.
  if (process.stdin.readableFlowing !== null) process.stdin.destroy();
});
