// Human rendering of a plan, as Terraform 1.11's plan renderer (command/jsonformat) prints it, in colour or with
// -no-color: one block per changed instance (`# terraform_data.a will be updated in-place`), per-attribute diffs
// with `+`/`-`/`~` markers, names padded to the longest shown, unknowns as `(known after apply)`, sensitive
// values as `(sensitive value)`, unchanged attributes hidden except identifying ones, then the summary line.
import { Sensitive, Value } from "../../lang/value.js";
import { goQuote } from "../../lang/format-value.js";
import { planCounts, type Action, type OutputChange, type Plan, type ResourceInstanceChange } from "../../plan/plan.js";
import { quoteHclString } from "../../addrs/index.js";
import { wrapText } from "../render-diagnostics.js";
import type { SchemaLookup } from "../../config/semantic.js";
import type { Block, NestingMode } from "../../provider/schema.js";
import type { AttributePath } from "../../provider/attribute-path.js";
import { validIdentifier } from "../../config/body.js";
import { slicePairs } from "./slice-pairs.js";
import { decodeJsonString, heredocLines, jsonNumberText, sameNumberTexts } from "./json-string.js";
import { horizontalRule, noColor, type Colorize } from "./color.js";

type Sym = "+" | "-" | "~" | " ";
const KNOWN_AFTER = "(known after apply)";
const SENSITIVE = "(sensitive value)";

// The colouring of the render in progress. Rendering is synchronous, so the exported entry points set it for
// the duration of one render instead of passing it through every helper below.
let cz: Colorize = noColor;
function withColor<T>(given: Colorize, render: () => T): T {
  const outer = cz;
  cz = given;
  try {
    return render();
  } finally {
    cz = outer;
  }
}

/** A change's marker as Terraform colours it: + green, - red, ~ yellow (each passed through colorstring alone). */
function mark(sym: Sym): string {
  return sym === "+" ? cz.color("[green]+[reset]") : sym === "-" ? cz.color("[red]-[reset]") : sym === "~" ? cz.color("[yellow]~[reset]") : sym;
}
const forcesNote = (): string => cz.color(" [red]# forces replacement[reset]");
const nullSuffix = (): string => cz.color(" [dark_gray]-> null[reset]");
const arrow = (): string => cz.color("[yellow]->[reset]");

/** A removed value's text without its " -> null". */
function withoutNull(text: string): string {
  const suffix = nullSuffix();
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

/** "# (N unchanged attributes hidden)", in dark gray, at a marker's column. */
function hiddenNote(indent: string, n: number, noun: string): string {
  return `${indent}  ${cz.color(`[dark_gray]# (${n} unchanged ${noun}${n === 1 ? "" : "s"} hidden)[reset]`)}`;
}
/** Attributes Terraform always shows in an update, even unchanged. */
const IDENTIFYING = new Set(["id", "name", "tags"]);

function present(v: Value | undefined): v is Value {
  return v !== undefined && !(v.isKnown() && v.isNull());
}

function isCollection(v: Value): boolean {
  const k = v.type.kind;
  return v.isKnown() && !v.isNull() && !v.hasMark(Sensitive) && (k === "list" || k === "set" || k === "tuple" || k === "map" || k === "object");
}

function isSequence(v: Value): boolean {
  const k = v.type.kind;
  return k === "list" || k === "set" || k === "tuple";
}

function primitive(v: Value): string {
  // Sensitive before unknown, as Terraform's renderer checks them: a sensitive output known only after apply is
  // "(sensitive value)".
  if (v.hasMark(Sensitive)) return SENSITIVE;
  if (!v.isKnown()) return KNOWN_AFTER;
  if (v.isNull()) return cz.color("[dark_gray]null[reset]");
  switch (v.type.kind) {
    case "string":
      return goQuote(v.asString());
    case "number":
      return jsonNumberText(v) ?? v.asNumber().toString();
    case "bool":
      return v.asBool() ? "true" : "false";
    default:
      return isSequence(v) ? "[]" : "{}";
  }
}

/** A map's keys are quoted; an object's only when they are not identifiers (Terraform's %q of them). */
function keyText(v: Value, k: string): string {
  if (v.type.kind === "map") return quoteHclString(k);
  return validIdentifier(k) ? k : goQuote(k);
}

/** A string whose text is shown: known, not null, not sensitive. */
function shownString(v: Value): string | undefined {
  return v.type.kind === "string" && v.isKnown() && !v.isNull() && !v.hasMark(Sensitive) ? v.asString() : undefined;
}

/**
 * `jsonencode(...)` around a rendered JSON value: on one line when the value fits on one (`jsonencode({})`),
 * otherwise the value on its own lines after the marker of the string's change (blank for a created or
 * destroyed string: the markers inside say it). `note` follows the opening parenthesis, `forces` the value.
 */
function jsonencode(rendered: string, sym: Sym, indent: string, note = "", forces = ""): string {
  if (!rendered.includes("\n")) return `jsonencode(${rendered})${note}${forces}`;
  return `jsonencode(${note}\n${indent}    ${mark(sym)} ${rendered}${forces}\n${indent}  )`;
}

/** A heredoc of marked lines: `<<-EOT`, each line one level in, `EOT` under the attribute's name. */
function heredoc(lines: readonly (readonly [Sym, string])[], indent: string, forces = ""): string {
  return `<<-EOT${forces}\n${lines.map(([sym, line]) => `${indent}    ${mark(sym)} ${line}`).join("\n")}\n${indent}  EOT`;
}

/** A value removed, with Terraform's " -> null" (which a one-line jsonencode(...) does not get). */
function removed(v: Value, indent: string): string {
  const text = single(v, "-", indent);
  const s = shownString(v);
  return s !== undefined && decodeJsonString(s) && !text.includes("\n") ? text : text + nullSuffix();
}

/** One value on one side only (created or destroyed), starting after "= ". */
function single(v: Value, sym: Sym, indent: string): string {
  const s = shownString(v);
  if (s !== undefined) {
    const json = decodeJsonString(s);
    if (json) return jsonencode(single(json, sym, indent + "    "), " ", indent);
    const lines = heredocLines(s);
    return lines ? heredoc(lines.map((l) => [" ", l] as const), indent) : goQuote(s);
  }
  if (!isCollection(v)) return primitive(v);
  const inner = indent + "    ";
  if (isSequence(v)) {
    const els = v.elements();
    if (els.length === 0) return "[]";
    return `[\n${els.map((e) => `${inner}${mark(sym)} ${single(e, sym, inner)},\n`).join("")}${indent}  ]`;
  }
  const entries = [...v.entries()];
  if (entries.length === 0) return "{}";
  const pad = Math.max(...entries.map(([k]) => keyText(v, k).length));
  return `{\n${entries.map(([k, e]) => `${inner}${mark(sym)} ${keyText(v, k).padEnd(pad)} = ${single(e, sym, inner)}\n`).join("")}${indent}  }`;
}

function isObj(v: Value): boolean {
  return v.isKnown() && !v.isNull() && (v.type.kind === "object" || v.type.kind === "map");
}

function same(a: Value, b: Value): boolean {
  return a.isWhollyKnown() && b.isWhollyKnown() && a.rawEquals(b) && sameNumberTexts(a, b);
}

/** Terraform pairs a removed and an added object in a sequence as one changed object. */
function pairs(before: readonly Value[], after: readonly Value[]): [Value | undefined, Value | undefined][] {
  return slicePairs(before, after, same, isObj);
}

/**
 * A rendered change: its marker, its text after "= ", the warning lines Terraform prints above it, and, where
 * the text spans lines that carry the note themselves (a heredoc, jsonencode), its text when the change forces
 * replacement.
 */
interface Diff {
  readonly sym: Sym;
  readonly text: string;
  readonly warning?: readonly string[];
  readonly forced?: string;
}

/** A change's text with Terraform's "# forces replacement": after a one-line text, inside a string's lines. */
function forcedText(d: Diff): string {
  return d.forced ?? (d.text.includes("\n") ? d.text : d.text + forcesNote());
}

/**
 * The warning lines above a diff, each at the marker's column; Terraform colours the two lines as one string
 * ("Warning" in yellow) and appends the note that the value is unchanged after it.
 */
function warningLines(d: Diff, column: string): string[] {
  if (!d.warning) return [];
  const [first, second, unchanged] = d.warning;
  return [`${column}${cz.color(`${first}\n${column}${second}`)}${unchanged}`];
}

/** Terraform's sensitive renderer warns when an existing value gains or loses its sensitive mark. */
function sensitivityWarning(b: Value, a: Value): string[] | undefined {
  const wasSensitive = b.hasMark(Sensitive);
  if (wasSensitive === a.hasMark(Sensitive)) return undefined;
  const unchanged = b.unmarkDeep()[0].rawEquals(a.unmarkDeep()[0]) ? " The value is unchanged." : "";
  return wasSensitive
    ? ["# [yellow]Warning[reset]: this attribute value will no longer be marked as sensitive", "# after applying this change.", unchanged]
    : ["# [yellow]Warning[reset]: this attribute value will be marked as sensitive and will not", "# display in UI output after applying this change.", unchanged];
}

/**
 * A change of a string that Terraform shows as more than a quoted string: JSON on both sides as jsonencode(...)
 * of the change of its decoded value (`# whitespace changes` when only the text changed), or multi-line text as
 * a heredoc of its lines with each removed or added line marked. Undefined for any other change.
 */
function stringChange(b: Value, a: Value, indent: string): Diff | undefined {
  const bs = shownString(b);
  const as = shownString(a);
  if (bs === undefined || as === undefined) return undefined;
  const bj = decodeJsonString(bs);
  const aj = decodeJsonString(as);
  if (bj && aj) {
    const d = diff(bj, aj, indent + "    ", JSON_STYLE);
    if (d.sym === " ") return { sym: "~", text: jsonencode(d.text, " ", indent, " # whitespace changes"), forced: jsonencode(d.text, " ", indent, " # whitespace changes force replacement") };
    return { sym: "~", text: jsonencode(d.text, d.sym, indent), forced: jsonencode(d.text, d.sym, indent, "", forcesNote()) };
  }
  // JSON on one side only is shown as the one removed and the other added.
  if (bj || aj) return undefined;
  const bl = heredocLines(bs);
  const al = heredocLines(as);
  if (!bl && !al) return undefined;
  const lines: [Sym, string][] = [];
  for (const [x, y] of slicePairs(bl ?? [bs], al ?? [as], (p, q) => p === q, () => false)) {
    if (x !== undefined && x === y) lines.push([" ", x]);
    else {
      if (x !== undefined) lines.push(["-", x]);
      if (y !== undefined) lines.push(["+", y]);
    }
  }
  return { sym: "~", text: heredoc(lines, indent), forced: heredoc(lines, indent, forcesNote()) };
}

/**
 * How values are compared and shown: as Terraform's renderers show typed values, or as its JSON renderers
 * show outputs, dynamically typed attributes and JSON in strings, where a null member is a value in its own
 * right and every sequence is a JSON array.
 */
interface Style {
  readonly json: boolean;
}
const TYPED: Style = { json: false };
const JSON_STYLE: Style = { json: true };

/** A change between two present-or-absent values (null is absent): its marker and its text after "= ". */
function diff(before: Value | undefined, after: Value | undefined, indent: string, style: Style = TYPED): Diff {
  return change(present(before) ? before : undefined, present(after) ? after : undefined, indent, style);
}

/** A change between two values, undefined where absent: its marker and its text after "= ". */
function change(b: Value | undefined, a: Value | undefined, indent: string, style: Style): Diff {
  if (!b && !a) return { sym: " ", text: "null" };
  if (!b) return { sym: "+", text: single(a!, "+", indent) };
  if (!a) return { sym: "-", text: removed(b, indent) };
  if (same(b, a)) return { sym: " ", text: single(a, " ", indent) };
  if ((b.hasMark(Sensitive) || a.hasMark(Sensitive)) && !isCollection(b) && !isCollection(a)) {
    const warning = sensitivityWarning(b, a);
    return { sym: "~", text: SENSITIVE, ...(warning ? { warning } : {}) };
  }
  const str = stringChange(b, a, indent);
  if (str) return str;
  // Members of a JSON value are compared as they are, null included; a typed value's null members are absent.
  const member = (x: Value | undefined, y: Value | undefined, at: string): Diff => (style.json ? change(x, y, at, style) : diff(x, y, at, style));
  if (isCollection(b) && isCollection(a) && isSequence(b) === isSequence(a)) {
    const inner = indent + "    ";
    const lines: string[] = [];
    if (isSequence(b)) {
      const be = b.elements();
      const ae = a.elements();
      // Typed tuples of one length are one type and diff index by index; lists and JSON arrays pair up as
      // Terraform's ProcessSlice pairs them.
      const tuples = !style.json && b.type.kind === "tuple" && a.type.kind === "tuple" && be.length === ae.length;
      const ds = (tuples ? be.map((x, i): [Value, Value | undefined] => [x, ae[i]]) : pairs(be, ae)).map(([x, y]) => member(x, y, inner));
      const n = ds.length;
      let hidden = 0;
      const flush = (): void => {
        if (hidden) lines.push(hiddenNote(inner, hidden, "element"));
        hidden = 0;
      };
      for (let i = 0; i < n; i++) {
        const d = ds[i]!;
        // Terraform keeps an unchanged element next to a change as context and hides the rest.
        if (d.sym === " " && !(ds[i - 1] && ds[i - 1]!.sym !== " ") && !(ds[i + 1] && ds[i + 1]!.sym !== " ")) {
          hidden++;
          continue;
        }
        flush();
        lines.push(...warningLines(d, inner), `${inner}${mark(d.sym)} ${d.sym === "-" ? withoutNull(d.text) : d.text},`);
      }
      flush();
      return { sym: "~", text: `[\n${lines.join("\n")}\n${indent}  ]` };
    }
    let hidden = 0;
    const keys = [...new Set([...b.entries().keys(), ...a.entries().keys()])].sort();
    const isObject = a.type.kind === "object";
    // Unchanged members are hidden: an object's as attributes (but for the identifying id, name and tags, as in
    // a resource), a map's as elements (Terraform's object and map renderers).
    const shown = keys
      .map((k) => ({ k, d: member(b.entries().get(k), a.entries().get(k), inner) }))
      .filter((x) => x.d.sym !== " " || (isObject && IDENTIFYING.has(x.k)) || ((hidden++, false)));
    // Keys line up over every member, hidden ones included, as Terraform pads them.
    const pad = Math.max(0, ...keys.map((k) => keyText(a, k).length));
    // Terraform's object renderer drops " -> null" from a removed attribute; its map renderer keeps it.
    const text = (d: Diff): string => (isObject && d.sym === "-" ? withoutNull(d.text) : d.text);
    for (const { k, d } of shown) lines.push(...warningLines(d, inner), `${inner}${mark(d.sym)} ${keyText(a, k).padEnd(pad)} = ${text(d)}`);
    if (hidden) lines.push(hiddenNote(inner, hidden, isObject ? "attribute" : "element"));
    return { sym: "~", text: `{\n${lines.join("\n")}\n${indent}  }` };
  }
  // Terraform's arrow to a value known only after apply is not coloured (its unknown renderer's).
  return { sym: "~", text: `${single(b, "-", indent)} ${a.isKnown() ? arrow() : "->"} ${single(a, "+", indent)}` };
}

/** A nested block's instances paired before/after, with the key a map block prints (` "key"`). */
function blockInstances(nesting: NestingMode, b: Value | undefined, a: Value | undefined): [Value | undefined, Value | undefined, string][] {
  if (nesting === "single" || nesting === "group") return [[b, a, ""]];
  if (nesting === "map") {
    const be = b ? b.entries() : new Map<string, Value>();
    const ae = a ? a.entries() : new Map<string, Value>();
    return [...new Set([...be.keys(), ...ae.keys()])].sort().map((k) => [be.get(k), ae.get(k), ` ${goQuote(k)}`]);
  }
  const be = b ? b.elements() : [];
  const ae = a ? a.elements() : [];
  // Terraform's processNestedList: list blocks pair index by index, the longer side's extra instances added or
  // removed (as terraform shows a launch template's block_device_mappings with its first instance removed).
  if (nesting === "list") return Array.from({ length: Math.max(be.length, ae.length) }, (_, i) => [be[i], ae[i], ""]);
  // Terraform's ProcessSet: each prior element matched to an equal planned one, else removed (in prior order);
  // then the planned elements left over, added.
  const out: [Value | undefined, Value | undefined, string][] = [];
  const used = new Set<number>();
  for (const x of be) {
    const j = ae.findIndex((y, i) => !used.has(i) && same(x, y));
    if (j >= 0) used.add(j);
    out.push([x, j >= 0 ? ae[j] : undefined, ""]);
  }
  ae.forEach((y, i) => used.has(i) || out.push([undefined, y, ""]));
  return out;
}

/**
 * The nested blocks of a block body, as Terraform's block renderer prints them after the attributes: each
 * instance as its own `key {` block (a group of them after a blank line), unchanged instances counted.
 */
function renderBlocks(before: Value | undefined, after: Value | undefined, block: Block, indent: string, o: { showUnchanged: boolean; replace: readonly AttributePath[]; afterAttributes: boolean }): { lines: string[]; hidden: number; changed: boolean } {
  const lines: string[] = [];
  let hidden = 0;
  let changed = false;
  for (const key of Object.keys(block.blockTypes ?? {}).sort()) {
    const nb = block.blockTypes![key]!;
    const b = before && present(before) ? before.entries().get(key) : undefined;
    const a = after && present(after) ? after.entries().get(key) : undefined;
    const forces = o.replace.some((p) => p.length === 1 && p[0]!.kind === "attr" && p[0]!.name === key) ? forcesNote() : "";
    // The paths inside this block's instances (any instance's: one past an index step, for repeated blocks).
    const inner = o.replace.filter((p) => p[0]?.kind === "attr" && p[0].name === key).map((p) => (nb.nesting === "single" || nb.nesting === "group" ? p.slice(1) : p[1]?.kind === "index" ? p.slice(2) : [])).filter((p) => p.length > 0);
    const group: string[] = [];
    if (a !== undefined && !a.isKnown()) {
      // A wholly unknown block shows no instances, only that it is not known yet.
      // "~" over any prior value, even no instances.
      group.push(`${indent}${mark(present(b) ? "~" : "+")} ${key} (known after apply)${forces}`);
      changed = true;
    } else {
      // A sensitive block shows each instance's action but withholds its contents.
      const sensitive = b?.hasMark(Sensitive) === true || a?.hasMark(Sensitive) === true;
      const ub = b && present(b) ? b.unmark()[0] : undefined;
      const ua = a && present(a) ? a.unmark()[0] : undefined;
      for (const [x, y, mapKey] of blockInstances(nb.nesting, ub, ua)) {
        if (!present(x) && !present(y)) continue;
        const body = sensitive
          ? { lines: [`${indent}    # At least one attribute in this block is (or was) sensitive,`, `${indent}    # so its contents will not be displayed.`], changed: present(x) && present(y) && (b?.hasMark(Sensitive) !== a?.hasMark(Sensitive) || !same(x, y)) }
          : renderBlockBody(x, y, nb.block, indent + "    ", o.showUnchanged, inner);
        const sym: Sym = !present(x) ? "+" : !present(y) ? "-" : body.changed ? "~" : " ";
        if (sym !== " ") changed = true;
        else if (!o.showUnchanged) {
          hidden++;
          continue;
        }
        group.push(`${indent}${mark(sym)} ${key}${mapKey} {${forces}`, ...body.lines, `${indent}  }`);
      }
    }
    if (group.length === 0) continue;
    // Terraform puts a blank line between the attributes and each type of block shown.
    if (o.afterAttributes) lines.push("");
    lines.push(...group);
  }
  return { lines, hidden, changed };
}

/** Terraform's block differ takes an empty string in a nested block for null ("for legacy reasons": the SDK's). */
function emptyAsNull(v: Value | undefined): Value | undefined {
  return v && v.type.kind === "string" && v.isKnown() && !v.isNull() && !v.isMarked() && v.asString() === "" ? Value.null(v.type) : v;
}

/** One nested block instance's body: its attributes (null ones left out, unchanged ones counted), then its blocks. */
function renderBlockBody(before: Value | undefined, after: Value | undefined, block: Block, indent: string, showUnchanged: boolean, replace: readonly AttributePath[]): { lines: string[]; changed: boolean } {
  const b = before && present(before) ? before.entries() : new Map<string, Value>();
  const a = after && present(after) ? after.entries() : new Map<string, Value>();
  const shown: { name: string; d: Diff }[] = [];
  let pad = 0;
  let hidden = 0;
  let changed = false;
  for (const name of Object.keys(block.attributes).sort()) {
    const d = diff(emptyAsNull(b.get(name)), emptyAsNull(a.get(name)), indent);
    if (d.sym === " " && d.text === "null") {
      // An empty string became null: Terraform counts it as an unchanged attribute.
      if (present(b.get(name)) || present(a.get(name))) {
        pad = Math.max(pad, name.length);
        hidden++;
      }
      continue;
    }
    pad = Math.max(pad, name.length);
    if (d.sym !== " ") changed = true;
    else if (!showUnchanged && !IDENTIFYING.has(name)) {
      hidden++;
      continue;
    }
    shown.push({ name, d });
  }
  const forces = (name: string, d: Diff): boolean => d.sym === "~" && replace.some((p) => p.length === 1 && p[0]!.kind === "attr" && p[0]!.name === name);
  const lines = shown.flatMap(({ name, d }) => [...warningLines(d, indent), `${indent}${mark(d.sym)} ${name.padEnd(pad)} = ${forces(name, d) ? forcedText(d) : d.text}`]);
  if (hidden) lines.push(hiddenNote(indent, hidden, "attribute"));
  const nested = renderBlocks(before, after, block, indent, { showUnchanged, replace, afterAttributes: pad > 0 });
  lines.push(...nested.lines);
  if (nested.hidden) lines.push("", hiddenNote(indent, nested.hidden, "block"));
  return { lines, changed: changed || nested.changed };
}

const HEADER: Record<Action, string> = {
  "no-op": "",
  create: "will be created",
  read: "will be read during apply",
  update: "will be updated in-place",
  delete: "will be [bold][red]destroyed[reset]",
  "delete-then-create": "must be [bold][red]replaced[reset]",
  "create-then-delete": "must be [bold][red]replaced[reset]",
  forget: "",
};
/** Terraform's format.DiffActionSymbol, in colorstring's tags. */
const SYMBOL: Record<Action, string> = {
  "no-op": "   ",
  create: "  [green]+[reset]",
  read: " [cyan]<=[reset]",
  update: "  [yellow]~[reset]",
  delete: "  [red]-[reset]",
  "delete-then-create": "[red]-[reset]/[green]+[reset]",
  "create-then-delete": "[green]+[reset]/[red]-[reset]",
  forget: " [red].[reset]",
};

function renderInstance(given: ResourceInstanceChange, schemaOf: SchemaLookup | undefined, header?: string, product = "Terraform"): string {
  // A forgotten object is shown as it is, unchanged: it stays where it is, only the state lets go of it.
  const c = given.action === "forget" ? { ...given, after: given.before } : given;
  const schema = schemaOf?.(c.mode, c.type);
  const blockTypes = schema?.blockTypes ?? {};
  // The comment above the resource is in colorstring's tags, coloured as one string, as Terraform does.
  const notes: string[] = [];
  if (c.action === "forget") notes.push(`[bold] # ${c.addr}[reset] will no longer be managed by ${product}, but [bold][red]will not be destroyed[reset]`, " # (destroy = false is set in the configuration)");
  else if (!header && c.action === "no-op" && c.importing) notes.push(`[bold]  # ${c.addr}[reset] will be imported`);
  else if (!header && c.action === "no-op" && c.previousAddr) notes.push(`[bold]  # ${c.previousAddr}[reset] has moved to [bold]${c.addr}[reset]`);
  else notes.push(`[bold]  # ${c.addr}[reset] ${header ?? (c.actionReason === "replace_because_tainted" ? "is tainted, so must be [bold][red]replaced[reset]" : c.actionReason === "replace_by_request" ? "will be [bold][red]replaced[reset], as requested" : c.actionReason === "replace_by_triggers" ? "will be [bold][red]replaced[reset] due to changes in replace_triggered_by" : HEADER[c.action])}`);
  if (c.action === "delete" && c.actionReason === "delete_because_no_resource_config") notes.push(`  # (because ${c.resourceAddr} is not in configuration)`);
  if (c.action === "delete" && c.actionReason === "delete_because_no_module") notes.push(`  # (because ${c.module} is not in configuration)`);
  if (c.action === "delete" && c.actionReason === "delete_because_count_index") notes.push(typeof c.index === "string" ? `  # (because key [${JSON.stringify(c.index)}] is not in for_each map)` : `  # (because index [${c.index}] is out of range for count)`);
  if (c.action !== "no-op" && c.previousAddr) notes.push(`  # [reset](moved from ${c.previousAddr})`);
  if (c.action === "read" && c.actionReason === "read_because_config_unknown") notes.push("  # (config refers to values not yet known)");
  if (c.action === "read" && c.actionReason === "read_because_dependency_pending") notes.push("  # (depends on a resource or a module with changes pending)");
  if (!header && c.action !== "no-op" && c.importing) {
    notes.push(`  # [reset](imported from ${goQuote(c.importing.id)})`);
    if (c.action === "delete-then-create" || c.action === "create-then-delete") notes.push("  # [reset][yellow]Warning: this will destroy the imported resource[reset]");
  }
  if (!header && c.generatedConfig !== undefined) notes.push("  #[reset] (config will be generated)");
  const comment = cz.color(notes.join("\n") + "\n");
  const out = [`${comment}${cz.color(SYMBOL[c.action])} ${c.mode === "data" ? "data" : "resource"} ${JSON.stringify(c.type)} ${JSON.stringify(c.name)} {`];
  const beforeAttrs = c.before.isNull() ? new Map<string, Value>() : c.before.entries();
  const afterAttrs = c.after.isNull() || !c.after.isKnown() ? new Map<string, Value>() : c.after.entries();
  // With the schema, nested blocks are printed after the attributes, as blocks; without it, as attributes.
  const names = [...new Set([...beforeAttrs.keys(), ...afterAttrs.keys()])].filter((n) => !(n in blockTypes)).sort();
  const indent = "      ";
  const dynamicAttrs = new Set(names.filter((n) => (schema ? schema.attributes[n]?.type.kind === "dynamic" : c.type === "terraform_data")));
  const forced = new Set(c.requiresReplace.map((p) => (p[0]?.kind === "attr" ? p[0].name : "")));
  const lines: { name: string; sym: Sym; text: string; warning: string[] }[] = [];
  let hidden = 0;
  // Terraform aligns the shown attributes with every non-null one, hidden ones included.
  let pad = 0;
  for (const n of names) {
    const d = dynamicAttrs.has(n) ? diff(jsonShaped(beforeAttrs.get(n)), jsonShaped(afterAttrs.get(n)), indent, JSON_STYLE) : diff(beforeAttrs.get(n), afterAttrs.get(n), indent);
    if (d.sym === " ") {
      if (d.text === "null") continue;
      pad = Math.max(pad, n.length);
      // An imported object is shown whole (Terraform's ShowUnchangedChildren for importing changes).
      if (!IDENTIFYING.has(n) && !c.importing) {
        hidden++;
        continue;
      }
    }
    // Terraform prints no "# forces replacement" on dynamically typed attributes (all of terraform_data's).
    const text = forced.has(n) && d.sym === "~" && !dynamicAttrs.has(n) ? forcedText(d) : d.text;
    lines.push({ name: n, sym: d.sym, text, warning: warningLines(d, indent) });
  }
  pad = Math.max(pad, ...lines.map((l) => l.name.length));
  for (const l of lines) out.push(...l.warning, `${indent}${mark(l.sym)} ${l.name.padEnd(pad)} = ${l.text}`);
  if (hidden) out.push(hiddenNote(indent, hidden, "attribute"));
  if (schema) {
    const blocks = renderBlocks(c.before, c.after.isKnown() ? c.after : undefined, schema, indent, { showUnchanged: c.importing !== undefined, replace: c.requiresReplace, afterAttributes: pad > 0 });
    out.push(...blocks.lines);
    if (blocks.hidden) out.push("", hiddenNote(indent, blocks.hidden, "block"));
  }
  out.push("    }");
  return out.join("\n");
}

/**
 * A dynamically typed value (an output, or an attribute of dynamic type such as terraform_data's) as Terraform's
 * renderer sees it: decoded from JSON, where a map is an object (its keys unquoted, its unchanged members
 * "attributes") and every sequence a JSON array.
 */
function jsonShaped(v: Value | undefined): Value | undefined {
  if (!v || !v.isKnown() || v.isNull() || v.marks.size > 0) return v;
  const k = v.type.kind;
  if (k === "map" || k === "object") return Value.object([...v.entries()].map(([key, x]) => [key, jsonShaped(x)!] as [string, Value]));
  if (k === "list" || k === "set" || k === "tuple") return Value.tuple(v.elements().map((x) => jsonShaped(x)!));
  return v;
}

function renderOutputs(changes: readonly OutputChange[]): string[] {
  const shown = changes.filter((o) => o.action !== "no-op");
  if (shown.length === 0) return [];
  // Terraform aligns the names over every output in the plan, unchanged ones included.
  const pad = Math.max(...changes.map((o) => o.name.length));
  const out = ["", "Changes to Outputs:"];
  for (const o of shown) {
    const before = o.sensitive && present(o.before) ? o.before.mark(Sensitive) : jsonShaped(o.before);
    const after = o.sensitive && present(o.after) ? o.after.mark(Sensitive) : jsonShaped(o.after);
    const d = diff(before, after, "  ", JSON_STYLE);
    out.push(`  ${mark(d.sym)} ${o.name.padEnd(pad)} = ${d.text}`);
  }
  return out;
}

const LEGEND: Partial<Record<Action, string>> = {
  create: "  [green]+[reset] create",
  update: "  [yellow]~[reset] update in-place",
  delete: "  [red]-[reset] destroy",
  "delete-then-create": "[red]-[reset]/[green]+[reset] destroy and then create replacement",
  "create-then-delete": "[green]+[reset]/[red]-[reset] create replacement and then destroy",
  read: " [cyan]<=[reset] read (data resources)",
};
const LEGEND_ORDER: Action[] = ["create", "update", "delete", "delete-then-create", "create-then-delete", "read"];

// Terraform's format.WordWrap: the output width (78 when not a terminal) less one column of margin.
const wordWrap = (text: string): string => wrapText(text, 77);

/**
 * The drift a plan shows (Terraform's renderHumanDiffDrift): all of it in refresh-only mode; otherwise nothing
 * when the plan is empty, deletions, and the changes of the attributes the plan depends on (relevantAttributes;
 * other changed attributes are shown as unchanged, and a resource with none is left out).
 */
export function shownDrift(plan: Plan): readonly ResourceInstanceChange[] {
  if (plan.mode === "refresh-only") return plan.drift;
  if (!plan.applyable) return [];
  const relevant = new Map<string, Set<string>>();
  for (const r of plan.relevantAttributes ?? []) {
    let s = relevant.get(r.resource);
    if (!s) relevant.set(r.resource, (s = new Set()));
    s.add(r.attribute);
  }
  const out: ResourceInstanceChange[] = [];
  for (const d of plan.drift) {
    const attrs = relevant.get(d.resourceAddr);
    if (d.action === "delete" || attrs?.has("")) out.push(d);
    else if (attrs && !d.before.isNull() && !d.after.isNull()) {
      const before = d.before.entries();
      const after = new Map(before);
      for (const [k, v] of d.after.entries()) if (attrs.has(k)) after.set(k, v);
      const filtered = Value.of(d.after.type, after);
      if (!filtered.rawEquals(d.before)) out.push({ ...d, after: filtered });
    }
  }
  return out;
}

/** "Objects have changed outside of ...", or "" when no drift is shown. */
function driftText(plan: Plan, product: string, schemaOf: SchemaLookup | undefined): string {
  const shown = shownDrift(plan);
  if (shown.length === 0) return "";
  let out = cz.color(`\n[bold][cyan]Note:[reset][bold] Objects have changed outside of ${product}\n`) + "\n";
  out += wordWrap(`${product} detected the following changes made outside of ${product} since the last "${product.toLowerCase()} apply" which may have affected this plan:\n`);
  for (const d of shown) out += `\n${renderInstance(d, schemaOf, d.action === "delete" ? "has been deleted" : "has changed")}\n`;
  if (plan.mode === "refresh-only") out += wordWrap(`\n\nThis is a refresh-only plan, so ${product} will not take any actions to undo these. If you were expecting these changes then you can apply this plan to record the updated values in the ${product} state without changing any remote objects.`) + "\n";
  else out += wordWrap(`\n\nUnless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the following plan may include actions to undo or respond to these changes.`) + `\n${horizontalRule(cz)}\n`;
  return out;
}

/**
 * The whole plan, as printed by `terraform plan` before its trailing note. With `schemaOf` (the resource types'
 * schemas), nested blocks print as blocks, as Terraform's schema-aware renderer does.
 */
export function renderPlan(plan: Plan, product = "Terraform", errored = false, schemaOf?: SchemaLookup, colors: Colorize = noColor): string {
  return withColor(colors, () => planText(plan, product, errored, schemaOf));
}

/** Terraform's "No changes." line, its first words bold green, the rest bold. */
const noChanges = (rest: string): string => cz.color(`\n[reset][bold][green]No changes.[reset][bold] ${rest}[reset]\n\n`);

function planText(plan: Plan, product: string, errored: boolean, schemaOf: SchemaLookup | undefined): string {
  const drift = driftText(plan, product, schemaOf);
  if (plan.mode === "refresh-only") {
    if (drift) return drift;
    return `${noChanges("Your infrastructure still matches the configuration.")}${wordWrap(`${product} has checked that the real remote objects still match the result of your most recent changes, and found no differences.`)}\n`;
  }
  return drift + renderChanges(plan, product, errored, schemaOf);
}

function renderChanges(plan: Plan, product: string, errored: boolean, schemaOf: SchemaLookup | undefined): string {
  const changed = plan.changes.filter((c) => c.action !== "no-op" || c.previousAddr !== undefined || c.importing !== undefined);
  const out: string[] = [];
  if (changed.length === 0) {
    if (plan.outputChanges.some((o) => o.action !== "no-op")) {
      out.push(...renderOutputs(plan.outputChanges));
      out.push("", `You can apply this plan to save these new output values to the ${product}\nstate, without changing any real infrastructure.`);
      return out.join("\n") + "\n";
    }
    if (plan.mode === "destroy") return `${noChanges("No objects need to be destroyed.")}Either you have not created any objects yet or the existing objects were\nalready deleted outside of ${product}.\n`;
    return `${noChanges("Your infrastructure matches the configuration.")}${product} has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n`;
  }
  const actions = new Set(changed.map((c) => c.action));
  // A plan of moves only has no legend.
  if (LEGEND_ORDER.some((a) => actions.has(a)) || actions.has("forget")) out.push("", `${product} used the selected providers to generate the following execution`, "plan. Resource actions are indicated with the following symbols:");
  for (const a of LEGEND_ORDER) if (actions.has(a)) out.push(cz.color(LEGEND[a]!));
  out.push("", errored ? `${product} planned the following actions, but then encountered a problem:` : `${product} will perform the following actions:`);
  for (const c of changed) out.push("", renderInstance(c, schemaOf, undefined, product));
  const n = planCounts(changed);
  // Terraform colours the summary with its newlines, so its reset follows the line break.
  const summary = cz.color(`\n[bold]Plan:[reset] ${n.import > 0 ? `${n.import} to import, ` : ""}${n.add} to add, ${n.change} to change, ${n.destroy} to destroy.\n`);
  const outputs = renderOutputs(plan.outputChanges);
  return `${out.join("\n")}\n${summary}${outputs.length > 0 ? outputs.join("\n") + "\n" : ""}`;
}
