// Terraform-style flag parsing, as Go's flag package does it: single-dash long flags (-chdir=DIR, -no-color,
// -write=false), double dashes accepted too, no short-option groups, no "no-" negation, no camel-case aliases.
// A flag that takes a value takes the next argument whatever it looks like (`-var -x` sets var to "-x").
// Hand-written rather than yargs: it is all the CLI needs, and yargs' module graph cost ~50 ms of every start.
import type { FlagSpec, FlagValue, ParsedArgs } from "./command.js";

export type FlagParseResult = { ok: true; args: ParsedArgs } | { ok: false; message: string };

export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): FlagParseResult {
  // Every value given, in order, per flag name.
  const given = new Map<string, string[]>();
  const positionals: string[] = [];
  // Terraform stops parsing flags at the first positional argument; so do we ("--" too).
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-" || !a.startsWith("-")) break;
    const body = a.startsWith("--") ? a.slice(2) : a.slice(1);
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) return { ok: false, message: `flag provided but not defined: -${name}` };
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (spec.type === "boolean") value = "true";
    else {
      const v = argv[i + 1];
      if (v === undefined) return { ok: false, message: `flag needs an argument: -${name}` };
      value = v;
      i++;
    }
    let l = given.get(name);
    if (!l) given.set(name, (l = []));
    l.push(value);
  }
  for (; i < argv.length; i++) positionals.push(argv[i]!);

  const flags: Record<string, FlagValue | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const values = given.get(name);
    if (values === undefined) {
      flags[name] = spec.repeatable ? [] : spec.default;
      continue;
    }
    if (spec.repeatable) {
      flags[name] = values;
      continue;
    }
    const v = values[values.length - 1]!;
    if (spec.type === "boolean") {
      if (v !== "true" && v !== "false") return { ok: false, message: `invalid boolean value "${v}" for -${name}: parse error` };
      flags[name] = v === "true";
    } else if (spec.type === "number") {
      const n = Number(v);
      if (!Number.isFinite(n)) return { ok: false, message: `invalid value "${v}" for flag -${name}: parse error` };
      flags[name] = n;
    } else flags[name] = v;
  }
  return { ok: true, args: { flags, positionals } };
}
