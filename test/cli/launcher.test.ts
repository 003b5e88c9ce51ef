// bin/tfsim.js runs the bundle `npm run build` makes only while it is current: a module it was made from that
// is newer (a plain `tsc` since) or gone sends the launcher to the modules tsc wrote.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, tfsimBin } from "../helpers/cli.js";

/** A package laid out as the real one, whose two entry points say which of them ran. */
function fakePackage(): string {
  const dir = tempDir("tfsim-launcher-");
  mkdirSync(join(dir, "bin"));
  copyFileSync(tfsimBin, join(dir, "bin", "tfsim.js"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const [path, name] of [["dist/src/cli/main.js", "modules"], ["dist/bundle/main.js", "bundle"]] as const) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), `export async function main() { console.log(${JSON.stringify(name)}); return 0; }\n`);
  }
  return dir;
}

const ran = (dir: string): string => spawnSync(process.execPath, [join(dir, "bin", "tfsim.js")], { encoding: "utf8" }).stdout.trim();

describe("bin/tfsim.js", () => {
  it("runs the bundle while no module it was made from is newer, else the modules", () => {
    const dir = fakePackage();
    expect(ran(dir)).toBe("modules"); // no bundle made yet
    const builtAt = Date.now();
    const input = join(dir, "dist/src/cli/main.js");
    utimesSync(input, new Date(builtAt - 60_000), new Date(builtAt - 60_000));
    writeFileSync(join(dir, "dist/bundle/inputs.json"), JSON.stringify({ builtAt, inputs: ["dist/src/cli/main.js"] }));
    expect(ran(dir)).toBe("bundle");
    utimesSync(input, new Date(builtAt + 60_000), new Date(builtAt + 60_000));
    expect(ran(dir)).toBe("modules");
    utimesSync(input, new Date(builtAt - 60_000), new Date(builtAt - 60_000));
    writeFileSync(join(dir, "dist/bundle/inputs.json"), JSON.stringify({ builtAt, inputs: ["dist/src/cli/main.js", "dist/src/gone.js"] }));
    expect(ran(dir)).toBe("modules");
  });
});
