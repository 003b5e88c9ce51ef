// `tfsim state show ADDR`: one resource instance's attributes, rendered as Terraform's human state renderer
// does (`# ADDR:` then a `resource "TYPE" "NAME" {` block with aligned attributes, nulls left out, sensitive
// values redacted). The renderer is exported for `tfsim show`.
import { parseAbsResourceInstance } from "../../addrs/index.js";
import { isJsonObject, type InstanceState, type JsonObject, type JsonValue, type ResourceState } from "../../../state/index.js";
import { println, type Command } from "../command.js";
import { readState, stateBackend, STATE_FLAG_HELP } from "./state-common.js";
import { builtInSchemas } from "./validate.js";
import type { SchemaLookup } from "../../config/semantic.js";
import type { Block } from "../../provider/schema.js";
import { typeToJson } from "../../provider/value-json.js";
import { colorize, noColor, type Colorize } from "../views/color.js";
import { decodeJsonString, heredocLines, jsonNumberText } from "../views/json-string.js";
import type { Value } from "../../lang/value.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A dynamically typed attribute is stored as {"value": V, "type": T}. */
export function unwrapDynamic(v: JsonValue): { value: JsonValue; type: JsonValue | undefined } {
  if (isJsonObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 2 && "value" in v && "type" in v) return { value: v.value!, type: v.type! };
  }
  return { value: v, type: undefined };
}

/** Sensitive paths in Terraform's JSON form → "input", "input.list[0]" keys. */
export function sensitivePathKeys(paths: readonly JsonValue[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    if (!Array.isArray(p)) continue;
    let key = "";
    for (const step of p) {
      if (!isJsonObject(step)) continue;
      if (step.type === "get_attr") key += (key ? "." : "") + String(step.value);
      else key += `[${JSON.stringify(step.value)}]`;
    }
    out.add(key);
  }
  return out;
}

/** Terraform's renderers print a null in dark gray. */
function darkNull(cz: Colorize): string {
  return cz.color("[dark_gray]null[reset]");
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/** A list's rendered elements, one a line, one level in, each with a comma. */
function listText(items: readonly string[], indent: string): string {
  return items.length === 0 ? "[]" : `[\n${items.map((t) => `${indent}    ${t},`).join("\n")}\n${indent}]`;
}

/** An object's rendered members (keys quoted where they must be), one a line, one level in, keys aligned. */
function objectText(members: readonly (readonly [string, string])[], indent: string): string {
  if (members.length === 0) return "{}";
  const width = Math.max(...members.map(([k]) => k.length));
  return `{\n${members.map(([k, t]) => `${indent}    ${k.padEnd(width)} = ${t}`).join("\n")}\n${indent}}`;
}

/**
 * A string as Terraform's renderer shows it: one holding a JSON object or array as jsonencode(...) of its
 * decoded value, a multi-line one as a heredoc of its trimmed lines, any other quoted.
 */
function renderString(s: string, indent: string, cz: Colorize): string {
  const json = decodeJsonString(s);
  if (json) {
    const text = renderJson(json, indent + "    ", cz);
    return text.includes("\n") ? `jsonencode(\n${indent}    ${text}\n${indent})` : `jsonencode(${text})`;
  }
  const lines = heredocLines(s);
  return lines ? `<<-EOT\n${lines.map((l) => `${indent}    ${l}`).join("\n")}\n${indent}EOT` : quote(s);
}

/** A value decoded from JSON in a string: numbers as written, null members shown. */
function renderJson(v: Value, indent: string, cz: Colorize): string {
  if (v.isNull()) return darkNull(cz);
  const inner = indent + "    ";
  switch (v.type.kind) {
    case "string":
      return renderString(v.asString(), indent, cz);
    case "number":
      return jsonNumberText(v) ?? v.asNumber().toString();
    case "bool":
      return String(v.asBool());
    case "tuple":
      return listText(
        v.elements().map((e) => renderJson(e, inner, cz)),
        indent,
      );
    default:
      return objectText(
        [...v.entries()].map(([k, e]) => [IDENT.test(k) ? k : quote(k), renderJson(e, inner, cz)] as const),
        indent,
      );
  }
}

export function renderValue(v: JsonValue, type: JsonValue | undefined, path: string, sensitive: Set<string>, indent: string, cz: Colorize = noColor): string {
  if (sensitive.has(path)) return "(sensitive value)";
  if (v === null) return darkNull(cz);
  if (typeof v === "string") return path === "" ? quote(v) : renderString(v, indent, cz);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const inner = indent + "    ";
  if (Array.isArray(v)) {
    const elemType = (i: number): JsonValue | undefined =>
      Array.isArray(type) ? (type[0] === "tuple" && Array.isArray(type[1]) ? type[1][i] : type[1]) : undefined;
    return listText(
      v.map((e, i) => renderValue(e, elemType(i), `${path}[${i}]`, sensitive, inner, cz)),
      indent,
    );
  }
  const isMap = Array.isArray(type) && type[0] === "map";
  const members = Object.keys(v)
    .sort()
    .map((k) => {
      const t = Array.isArray(type) ? (isJsonObject(type[1]) ? type[1][k] : type[1]) : undefined;
      const quoted = isMap || !IDENT.test(k);
      return [quoted ? quote(k) : k, renderValue(v[k]!, t, quoted ? `${path}[${quote(k)}]` : `${path}.${k}`, sensitive, inner, cz)] as const;
    });
  return objectText(members, indent);
}

/** The body of a resource block: top-level attributes aligned, nulls omitted. */
export function renderAttributes(attributes: JsonObject, sensitiveAttributes: readonly JsonValue[], indent = "", block?: Block, cz: Colorize = noColor): string[] {
  return renderBody(attributes, sensitivePathKeys(sensitiveAttributes), "", indent + "    ", block, false, cz);
}

/**
 * A block's attributes, aligned, nulls omitted, then (with its schema) its nested blocks, each instance as a
 * `key {` block after a blank line per type, as Terraform's renderer prints them with every child shown. In a
 * nested block an empty string is null to Terraform ("for legacy reasons"), and shown so.
 */
function renderBody(attributes: JsonObject, sensitive: Set<string>, path: string, inner: string, block: Block | undefined, nested: boolean, cz: Colorize): string[] {
  const blockTypes = block?.blockTypes ?? {};
  const names = Object.keys(attributes)
    .filter((k) => attributes[k] !== null && !(k in blockTypes))
    .sort();
  const width = names.length ? Math.max(...names.map((n) => n.length)) : 0;
  const lines = names.map((n) => {
    // Terraform's JSON state drops a dynamic value's type, so maps inside one render as objects.
    const { value } = unwrapDynamic(attributes[n]!);
    const t = block?.attributes[n]?.type;
    const type = t && t.kind !== "dynamic" ? typeToJson(t) : undefined;
    const shown = value === null || (nested && value === "") ? darkNull(cz) : renderValue(value, type, path ? `${path}.${n}` : n, sensitive, inner, cz);
    return `${inner}${n.padEnd(width)} = ${shown}`;
  });
  for (const key of Object.keys(blockTypes).sort()) {
    const nb = blockTypes[key]!;
    const v = attributes[key];
    if (v === undefined || v === null) continue;
    const instances: [JsonValue, string, string][] = Array.isArray(v)
      ? v.map((e, i) => [e, "", `${path ? `${path}.` : ""}${key}[${i}]`])
      : nb.nesting === "map" && isJsonObject(v)
        ? Object.keys(v)
            .sort()
            .map((k) => [v[k]!, ` ${quote(k)}`, `${path ? `${path}.` : ""}${key}[${quote(k)}]`])
        : [[v, "", `${path ? `${path}.` : ""}${key}`]];
    if (instances.length === 0) continue;
    lines.push("");
    for (const [e, mapKey, p] of instances) {
      if (!isJsonObject(e)) continue;
      lines.push(`${inner}${key}${mapKey} {`, ...renderBody(e, sensitive, p, inner + "    ", nb.block, true, cz), `${inner}}`);
    }
  }
  return lines;
}

/** `# ADDR:` and the resource block, as `terraform state show` and `terraform show` print an instance. */
export function renderInstance(r: ResourceState, inst: InstanceState, schemaOf?: SchemaLookup, cz: Colorize = noColor): string {
  const obj = inst.current;
  const a = r.addr.resource;
  const keyword = a.mode === "data" ? "data" : "resource";
  const lines = [`# ${inst.addr.toString()}:`];
  if (obj?.status === "tainted") lines[0] = `# ${inst.addr.toString()}: (tainted)`;
  lines.push(`${keyword} ${quote(a.type)} ${quote(a.name)} {`);
  if (obj) lines.push(...renderAttributes(obj.attributes, obj.sensitiveAttributes, "", schemaOf?.(a.mode, a.type), cz));
  lines.push("}");
  return lines.join("\n");
}

export const stateShowCommand: Command = {
  name: "state show",
  synopsis: "Show a resource in the state",
  help: `Usage: tfsim [global options] state show [options] ADDRESS

  Shows the attributes of a resource in the tfsim state.

  This command shows the attributes of a single resource in the tfsim
  state. The address argument must be used to specify a single resource.
  You can view the list of available resources with "tfsim state list".

Options:

${STATE_FLAG_HELP}
`,
  flags: { state: { type: "string" } },
  async run(args, ctx) {
    if (args.positionals.length !== 1) {
      println(ctx.stderr, "Exactly one argument expected.\n");
      ctx.stderr.write(this.help);
      return 1;
    }
    const text = args.positionals[0]!;
    const p = parseAbsResourceInstance(text);
    if (!p.addr) {
      println(ctx.stderr, `Error parsing instance address: ${text}\n\nThis command requires that the address references one specific instance.\nTo view the available instances, use "tfsim state list". Please modify \nthe address to reference a specific instance.`);
      return 1;
    }
    const state = await readState(ctx, stateBackend(ctx, args.flags.state), true);
    if (!state) return 1;
    const inst = state.instance(p.addr);
    const r = state.resource(p.addr.containingResource());
    if (!inst || !r || !inst.current) {
      println(ctx.stderr, `No instance found for the given address!\n\nThis command requires that the address references one specific instance.\nTo view the available instances, use "tfsim state list". Please modify \nthe address to reference a specific instance.`);
      return 1;
    }
    println(ctx.stdout, renderInstance(r, inst, await builtInSchemas([r.addr.resource.type]), colorize(ctx.color)));
    return 0;
  },
};
