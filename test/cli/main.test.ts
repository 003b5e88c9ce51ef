import { describe, expect, it } from "vitest";
import { runTfsim } from "../helpers/cli.js";

describe("tfsim CLI", () => {
  it("prints its version", () => {
    const r = runTfsim(["version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tfsim v\d+\.\d+\.\d+\non linux_/);
  });

  it("-version is an alias of version", () => {
    expect(runTfsim(["-version"]).stdout).toBe(runTfsim(["version"]).stdout);
  });

  it("-help lists the commands and exits 0", () => {
    const r = runTfsim(["-help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: tfsim [global options] <subcommand> [args]");
    expect(r.stdout).toContain("version");
  });

  it("an unknown command is a one-line error, exit 1", () => {
    const r = runTfsim(["verison"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tfsim has no command named "verison". Did you mean "version"?');
  });

  it("an unknown flag is an error with the usage, exit 1 (version, as terraform's, prints only its usage)", () => {
    const r = runTfsim(["version", "-bogus"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Usage: tfsim \[global options\] version/);
    const p = runTfsim(["plan", "-bogus", "-no-color"]);
    expect(p.code).toBe(1);
    expect(p.stderr).toBe("\nError: Failed to parse command-line flags\n\nflag provided but not defined: -bogus\n\nFor more help on using this command, run:\n  tfsim plan -help\n");
  });

  it("<command> -help prints that command's usage", () => {
    const r = runTfsim(["version", "-help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: tfsim [global options] version");
  });

  it("-chdir to a missing directory is an error", () => {
    const r = runTfsim(["-chdir=/no/such/dir", "version"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no such file or directory");
  });
});
