// `plan -generate-config-out=FILE` (Terraform's genconfig): the resource block an imported object implies.
// Every argument the schema lets configuration set (required or optional; never computed-only ones, nor a
// computed `id`) is written with the object's value, nested blocks as blocks, sensitive values as
// `null # sensitive`, a string holding a JSON object or array as `jsonencode(...)`; then formatted as
// `terraform fmt` formats it. The CLI writes the blocks to FILE; the plan plans them as configuration.
import { validIdentifier } from "../config/body.js";
import type { Resource } from "../config/model.js";
import { parseFile } from "../config/load.js";
import { decodeFile } from "../config/structure.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { formatSource } from "../hcl/format.js";
import { sourceFile } from "../hcl/source.js";
import { Sensitive, type Value } from "../lang/value.js";
import type { Block } from "../provider/schema.js";

/** An HCL string literal: quoted, with template introducers escaped. */
function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

function hclKey(k: string): string {
  return validIdentifier(k) ? k : hclString(k);
}

/** A JSON value as HCL (for jsonencode of a JSON string). */
function jsonAsHcl(j: unknown): string {
  if (j === null) return "null";
  if (typeof j === "string") return hclString(j);
  if (typeof j === "number" || typeof j === "boolean") return String(j);
  if (Array.isArray(j)) return `[${j.map(jsonAsHcl).join(", ")}]`;
  const entries = Object.entries(j as Record<string, unknown>);
  return entries.length ? `{\n${entries.map(([k, v]) => `${hclKey(k)} = ${jsonAsHcl(v)}\n`).join("")}}` : "{}";
}

/** A JSON object or array held in a string, parsed; else undefined. */
function jsonIn(s: string): unknown {
  const t = s.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** A value as hclwrite's TokensForValue writes it. */
function hclValue(v: Value): string {
  const [u] = v.unmarkDeep();
  if (u.isNull() || !u.isKnown()) return "null";
  switch (u.type.kind) {
    case "string":
      return hclString(u.asString());
    case "number":
      return u.asNumber().toString();
    case "bool":
      return u.asBool() ? "true" : "false";
    case "list":
    case "set":
    case "tuple":
      return `[${u.elements().map(hclValue).join(", ")}]`;
    default: {
      const entries = [...u.entries()];
      return entries.length ? `{\n${entries.map(([k, x]) => `${hclKey(k)} = ${hclValue(x)}\n`).join("")}}` : "{}";
    }
  }
}

function attributeValue(v: Value): string {
  const [u] = v.unmarkDeep();
  if (u.isKnown() && !u.isNull() && u.type.kind === "string") {
    const j = jsonIn(u.asString());
    if (j !== undefined) return `jsonencode(${jsonAsHcl(j)})`;
  }
  return hclValue(v);
}

function writeBody(block: Block, v: Value, out: string[]): void {
  const entries = v.isNull() || !v.isKnown() ? new Map<string, Value>() : v.entries();
  for (const name of Object.keys(block.attributes).sort()) {
    const a = block.attributes[name]!;
    if (!a.required && !a.optional) continue;
    if (name === "id" && a.computed) continue;
    const val = entries.get(name);
    if (a.sensitive || val?.hasMark(Sensitive)) out.push(`${name} = null # sensitive\n`);
    else out.push(`${name} = ${val ? attributeValue(val) : "null"}\n`);
  }
  for (const [name, nb] of Object.entries(block.blockTypes ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const val = entries.get(name);
    if (!val || val.isNull() || !val.isKnown()) continue;
    const items = nb.nesting === "single" || nb.nesting === "group" ? [val] : nb.nesting === "map" ? [...val.entries().values()] : val.elements();
    for (const item of items) {
      out.push(`${name} {\n`);
      writeBody(nb.block, item, out);
      out.push("}\n");
    }
  }
}

/** The formatted `resource "TYPE" "NAME" { ... }` block (ending in a newline) for an imported object. */
export function generateResourceConfig(type: string, name: string, block: Block, value: Value): string {
  const out = [`resource ${JSON.stringify(type)} ${JSON.stringify(name)} {\n`];
  writeBody(block, value, out);
  out.push("}\n");
  const text = out.join("");
  const f = formatSource(sourceFile("generated.tf", text));
  return f.diagnostics.hasErrors() ? text : f.text;
}

/** The generated block as configuration, named `file` in diagnostics. */
export function parseGenerated(file: string, text: string): { resource?: Resource; diagnostics: Diagnostic[] } {
  const p = parseFile(file, text);
  const d = decodeFile(p.loaded.body);
  const resource = d.decls.resources[0];
  const diagnostics = [...p.diagnostics, ...d.diagnostics];
  if (!resource && !diagnostics.length) diagnostics.push(error("Invalid generated configuration", `tfsim could not read back the configuration it generated:\n\n${text}`));
  return { ...(resource ? { resource } : {}), diagnostics };
}
