import { describe, expect, it } from "vitest";
import type { FlagSpec } from "../../src/cli/command.js";
import { parseFlags } from "../../src/cli/flags.js";

const specs: Record<string, FlagSpec> = {
  "auto-approve": { type: "boolean" },
  lock: { type: "boolean", default: true },
  parallelism: { type: "number", default: 10 },
  state: { type: "string" },
  var: { type: "string", repeatable: true },
};

describe("parseFlags (Go's flag package, as Terraform parses)", () => {
  it("takes one or two dashes, name=value or name value, and stops at the first positional", () => {
    const r = parseFlags(["-auto-approve", "--state=a.tfstate", "-var", "x=1", "-var=y=2", "plan.out", "-lock=false"], specs);
    expect(r).toEqual({
      ok: true,
      args: { flags: { "auto-approve": true, lock: true, parallelism: 10, state: "a.tfstate", var: ["x=1", "y=2"] }, positionals: ["plan.out", "-lock=false"] },
    });
  });

  it("reads booleans as true/false, numbers as numbers, the last of a repeated flag, and -- as the end of flags", () => {
    const r = parseFlags(["-lock=false", "-parallelism=3", "-state", "a", "-state=b", "--", "-x"], specs);
    expect(r).toEqual({ ok: true, args: { flags: { "auto-approve": undefined, lock: false, parallelism: 3, state: "b", var: [] }, positionals: ["-x"] } });
  });

  it("gives a flag that takes a value the next argument, even one that starts with a dash", () => {
    const r = parseFlags(["-state", "-lock"], specs);
    expect(r.ok && r.args.flags.state).toBe("-lock");
  });

  it("reports Terraform's errors", () => {
    expect(parseFlags(["-bogus"], specs)).toEqual({ ok: false, message: "flag provided but not defined: -bogus" });
    expect(parseFlags(["-state"], specs)).toEqual({ ok: false, message: "flag needs an argument: -state" });
    expect(parseFlags(["-lock=maybe"], specs)).toEqual({ ok: false, message: 'invalid boolean value "maybe" for -lock: parse error' });
    expect(parseFlags(["-parallelism=many"], specs)).toEqual({ ok: false, message: 'invalid value "many" for flag -parallelism: parse error' });
    expect(parseFlags(["-toString"], specs)).toEqual({ ok: false, message: "flag provided but not defined: -toString" });
  });
});
