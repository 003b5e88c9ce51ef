// `npm run build`'s second step: bundles the CLI that tsc wrote (dist/src/cli/main.js and everything it imports,
// commands and providers as lazily loaded chunks) into dist/bundle/, so a start reads a few files instead of
// resolving and loading ~130 modules one by one (~40 ms of every tfsim command on this machine). Packages in
// node_modules stay external. dist/bundle/inputs.json lists the modules the bundle was made from: bin/tfsim.js
// runs the bundle only while none of them is newer (after a plain `tsc`, the modules tsc wrote run instead).
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "bundle");
rmSync(out, { recursive: true, force: true });
const builtAt = Date.now();
const result = await build({
  input: join(root, "dist", "src", "cli", "main.js"),
  platform: "node",
  // Bare specifiers are packages (node:*, yaml, better-sqlite3, ...): loaded from node_modules as before.
  external: (id) => !id.startsWith(".") && !id.startsWith("/"),
  logLevel: "warn",
  output: { dir: out, format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js" },
});
const inputs = new Set();
for (const o of result.output) if (o.type === "chunk") for (const id of o.moduleIds) if (id.startsWith(root)) inputs.add(relative(root, id));
writeFileSync(join(out, "inputs.json"), JSON.stringify({ builtAt, inputs: [...inputs].sort() }, null, 1) + "\n");
