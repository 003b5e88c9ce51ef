// Terraform-style flag parsing on top of yargs' parser: single-dash long flags (-chdir=DIR, -no-color,
// -write=false), double dashes accepted too, no short-option groups, no "no-" negation, no camel-case aliases.
import { Parser } from "yargs/helpers";
import type { FlagSpec, FlagValue, ParsedArgs } from "./command.js";

export type FlagParseResult = { ok: true; args: ParsedArgs } | { ok: false; message: string };

export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): FlagParseResult {
  const booleans: string[] = [];
  const strings: string[] = [];
  const numbers: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === "boolean") booleans.push(name);
    else if (spec.type === "number") numbers.push(name);
    else strings.push(name);
  }
  // Terraform stops parsing flags at the first positional argument; so do we ("--" too).
  const flagArgs: string[] = [];
  const positionals: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-" || !a.startsWith("-")) break;
    const name = a.replace(/^--?/, "").split("=")[0]!;
    const spec = specs[name];
    if (!spec) return { ok: false, message: `flag provided but not defined: -${name}` };
    flagArgs.push("--" + a.replace(/^--?/, ""));
    if (spec.type !== "boolean" && !a.includes("=")) {
      const v = argv[i + 1];
      if (v === undefined) return { ok: false, message: `flag needs an argument: -${name}` };
      flagArgs.push(v);
      i++;
    }
  }
  for (; i < argv.length; i++) positionals.push(argv[i]!);

  const parsed = Parser(flagArgs, {
    boolean: booleans,
    string: strings,
    number: numbers,
    configuration: {
      "short-option-groups": false,
      "camel-case-expansion": false,
      "dot-notation": false,
      "boolean-negation": false,
      "duplicate-arguments-array": true,
      "flatten-duplicate-arrays": true,
      "parse-numbers": false,
      "parse-positional-numbers": false,
    },
  });
  const flags: Record<string, FlagValue | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    let v = parsed[name] as FlagValue | FlagValue[] | undefined;
    if (v === undefined) {
      flags[name] = spec.repeatable ? [] : spec.default;
      continue;
    }
    if (spec.repeatable) {
      flags[name] = (Array.isArray(v) ? v : [v]).map(String);
      continue;
    }
    if (Array.isArray(v)) v = v[v.length - 1];
    if (spec.type === "boolean" && typeof v === "string") {
      if (v !== "true" && v !== "false") {
        return { ok: false, message: `invalid boolean value "${v}" for -${name}: parse error` };
      }
      v = v === "true";
    }
    if (spec.type === "number") {
      const n = Number(v);
      if (!Number.isFinite(n)) return { ok: false, message: `invalid value "${String(v)}" for flag -${name}: parse error` };
      v = n;
    }
    flags[name] = v as FlagValue;
  }
  return { ok: true, args: { flags, positionals } };
}
