// hcl.Body for the JSON syntax (.tf.json), per HCL's JSON spec: an object's properties are arguments or
// blocks depending on the schema asked for; a block's labels are the keys of nested objects, one level per
// label; an array gives several blocks; "//" properties are comments. Strings are templates, parsed when
// the evaluator asks. The JSON reader keeps a range for every value and property name.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { parseTemplate } from "../hcl/index.js";
import type * as ast from "../hcl/ast.js";
import { unionRange, type Range, type SourceFile } from "../hcl/source.js";
import { nameSuggestion, type Attribute, type Block, type Body, type BodyContent, type BodySchema, type Expression } from "./body.js";

export interface JsonProperty {
  readonly name: string;
  readonly nameRange: Range;
  readonly value: JsonValue;
}

export type JsonValue =
  | { readonly kind: "object"; readonly properties: JsonProperty[]; readonly range: Range; readonly openRange: Range }
  | { readonly kind: "array"; readonly values: JsonValue[]; readonly range: Range; readonly openRange: Range }
  | { readonly kind: "string"; readonly value: string; readonly range: Range }
  | { readonly kind: "number"; readonly text: string; readonly range: Range }
  | { readonly kind: "bool"; readonly value: boolean; readonly range: Range }
  | { readonly kind: "null"; readonly range: Range };

const MAX_DEPTH = 400;

/** A small JSON reader with ranges; errors are diagnostics, and it never throws. */
class JsonReader {
  private pos = 0;
  readonly diags: Diagnostic[] = [];

  constructor(private readonly file: SourceFile) {}

  private r(start: number, end: number): Range {
    return { file: this.file, start, end };
  }

  private fail(summary: string, detail: string, at: number): never {
    const end = Math.min(at + 1, this.file.text.length);
    this.diags.push(error(summary, detail, this.r(at, end)));
    throw new JsonSyntaxError();
  }

  private skipSpace(): void {
    const t = this.file.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  parseRoot(): JsonValue | undefined {
    try {
      this.skipSpace();
      const v = this.value(0);
      this.skipSpace();
      if (this.pos < this.file.text.length) {
        this.fail("Extraneous data after value", "Extra characters appear after the JSON value.", this.pos);
      }
      return v;
    } catch (e) {
      if (e instanceof JsonSyntaxError) return undefined;
      throw e;
    }
  }

  private value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail("Nesting too deep", "This JSON value is nested too deeply to be read.", this.pos);
    const t = this.file.text;
    const start = this.pos;
    const c = t[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') {
      const s = this.string();
      return { kind: "string", value: s, range: this.r(start, this.pos) };
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      let p = this.pos + 1;
      while (p < t.length && /[0-9eE+.-]/.test(t[p]!)) p++;
      const text = t.slice(this.pos, p);
      if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)) {
        this.fail("Invalid JSON number", `There is a syntax error in the given JSON number.`, start);
      }
      this.pos = p;
      return { kind: "number", text, range: this.r(start, p) };
    }
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v === null ? { kind: "null", range: this.r(start, this.pos) } : { kind: "bool", value: v, range: this.r(start, this.pos) };
      }
    }
    if (this.pos >= t.length) this.fail("Missing JSON value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", Math.max(0, t.length - 1));
    return this.fail("Invalid JSON keyword", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", start);
  }

  private object(depth: number): JsonValue {
    const t = this.file.text;
    const start = this.pos;
    this.pos++;
    const properties: JsonProperty[] = [];
    this.skipSpace();
    if (t[this.pos] === "}") {
      this.pos++;
      return { kind: "object", properties, range: this.r(start, this.pos), openRange: this.r(start, start + 1) };
    }
    for (;;) {
      this.skipSpace();
      if (t[this.pos] !== '"') this.fail("Invalid object property name", "A JSON object property name must be a string", this.pos);
      const nameStart = this.pos;
      const name = this.string();
      const nameRange = this.r(nameStart, this.pos);
      this.skipSpace();
      if (t[this.pos] !== ":") this.fail("Missing property value colon", "JSON object properties must have a colon between the name and the value.", this.pos);
      this.pos++;
      this.skipSpace();
      properties.push({ name, nameRange, value: this.value(depth + 1) });
      this.skipSpace();
      if (t[this.pos] === ",") {
        this.pos++;
        continue;
      }
      if (t[this.pos] === "}") {
        this.pos++;
        return { kind: "object", properties, range: this.r(start, this.pos), openRange: this.r(start, start + 1) };
      }
      this.fail("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", this.pos);
    }
  }

  private array(depth: number): JsonValue {
    const t = this.file.text;
    const start = this.pos;
    this.pos++;
    const values: JsonValue[] = [];
    this.skipSpace();
    if (t[this.pos] === "]") {
      this.pos++;
      return { kind: "array", values, range: this.r(start, this.pos), openRange: this.r(start, start + 1) };
    }
    for (;;) {
      this.skipSpace();
      values.push(this.value(depth + 1));
      this.skipSpace();
      if (t[this.pos] === ",") {
        this.pos++;
        continue;
      }
      if (t[this.pos] === "]") {
        this.pos++;
        return { kind: "array", values, range: this.r(start, this.pos), openRange: this.r(start, start + 1) };
      }
      this.fail("Missing array element separator", "A comma must appear between each element in an array.", this.pos);
    }
  }

  private string(): string {
    const t = this.file.text;
    const start = this.pos;
    let p = this.pos + 1;
    let out = "";
    for (;;) {
      if (p >= t.length || t[p] === "\n") this.fail("Unterminated string", "A JSON string must end with a closing quote.", start);
      const ch = t[p]!;
      if (ch === '"') break;
      if (ch === "\\") {
        const e = t[p + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          p += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
          out += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
          p += 6;
          continue;
        }
        this.fail("Invalid JSON string escape", "This is not a valid escape sequence in a JSON string.", p);
      }
      out += ch;
      p++;
    }
    this.pos = p + 1;
    return out;
  }
}

class JsonSyntaxError extends Error {}

function jsonExpression(v: JsonValue): Expression {
  let template: ast.Expression | undefined;
  const parsed = (): ast.Expression | undefined => {
    if (v.kind !== "string") return undefined;
    template ??= parseTemplate(v.value).expr;
    return template;
  };
  return {
    syntax: "json",
    node: v,
    range: v.range,
    quotedString: () => undefined,
    keyword: () => (v.kind === "string" && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(v.value) ? v.value : undefined),
    references: () => {
      const out: { root: string; range: Range }[] = [];
      const walk = (j: JsonValue): void => {
        if (j.kind === "object") for (const p of j.properties) walk(p.value);
        else if (j.kind === "array") for (const e of j.values) walk(e);
        else if (j.kind === "string" && j.value.includes("${")) {
          const e = parseTemplate(j.value).expr;
          collect(e, (root) => out.push({ root, range: j.range }));
        }
      };
      if (v.kind === "string") {
        const e = parsed();
        if (e) collect(e, (root) => out.push({ root, range: v.range }));
      } else walk(v);
      return out;
    },
  };
}

function collect(e: ast.Expression, found: (root: string) => void): void {
  if (e.kind === "ScopeTraversal") {
    const first = e.traversal[0];
    if (first && first.kind === "Root") found(first.name);
    return;
  }
  const kids: ast.Expression[] = [];
  switch (e.kind) {
    case "TemplateExpr":
      kids.push(...e.parts);
      break;
    case "TemplateWrap":
      kids.push(e.wrapped);
      break;
    default:
      // Other forms are walked by the evaluator; a template's interpolations are all that matter here.
      if ("args" in e) kids.push(...e.args);
  }
  for (const k of kids) collect(k, found);
}

class JsonBody implements Body {
  readonly syntax = "json" as const;

  constructor(
    private readonly obj: Extract<JsonValue, { kind: "object" }>,
    private readonly hidden: ReadonlySet<string> = new Set(),
  ) {}

  get range(): Range {
    return this.obj.range;
  }

  missingItemRange(): Range {
    return this.obj.openRange;
  }

  private props(): JsonProperty[] {
    return this.obj.properties.filter((p) => p.name !== "//" && !this.hidden.has(p.name));
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diagnostics: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const hidden = new Set(this.hidden);
    const attrs = new Map<string, Attribute>();
    const props = this.props();
    for (const s of schema.attributes ?? []) {
      const p = props.find((q) => q.name === s.name);
      if (!p) {
        if (s.required) {
          diags.push(error("Missing required argument", `The argument "${s.name}" is required, but no definition was found.`, this.missingItemRange()));
        }
        continue;
      }
      hidden.add(s.name);
      attrs.set(s.name, { name: s.name, expr: jsonExpression(p.value), range: unionRange(p.nameRange, p.value.range), nameRange: p.nameRange });
    }
    const blocks: Block[] = [];
    for (const s of schema.blocks ?? []) {
      for (const p of props) {
        if (p.name !== s.type) continue;
        hidden.add(s.type);
        unpackBlock(p.value, s.type, p.nameRange, s.labelNames ?? [], [], [], blocks, diags);
      }
    }
    return {
      content: { attributes: attrs, blocks, missingItemRange: this.missingItemRange() },
      remain: new JsonBody(this.obj, hidden),
      diagnostics: diags,
    };
  }

  content(schema: BodySchema): { content: BodyContent; diagnostics: Diagnostic[] } {
    const { content, remain, diagnostics } = this.partialContent(schema);
    const candidates = [...(schema.attributes ?? []).map((a) => a.name), ...(schema.blocks ?? []).map((b) => b.type)];
    for (const p of (remain as JsonBody).props()) {
      const hint = nameSuggestion(p.name, candidates);
      diagnostics.push(
        error(
          "Extraneous JSON object property",
          `No argument or block type is named "${p.name}".${hint !== undefined ? ` Did you mean "${hint}"?` : ""}`,
          p.nameRange,
          { context: unionRange(p.nameRange, p.value.range) },
        ),
      );
    }
    return { content, diagnostics };
  }

  justAttributes(): { attributes: ReadonlyMap<string, Attribute>; diagnostics: Diagnostic[] } {
    const attrs = new Map<string, Attribute>();
    for (const p of this.props()) {
      attrs.set(p.name, { name: p.name, expr: jsonExpression(p.value), range: unionRange(p.nameRange, p.value.range), nameRange: p.nameRange });
    }
    return { attributes: attrs, diagnostics: [] };
  }
}

/** One level of a JSON block: object keys are labels until none are left; arrays give several blocks. */
function unpackBlock(
  v: JsonValue,
  type: string,
  typeRange: Range,
  labelsLeft: readonly string[],
  labels: string[],
  labelRanges: Range[],
  out: Block[],
  diags: Diagnostic[],
): void {
  if (labelsLeft.length > 0) {
    if (v.kind !== "object") {
      diags.push(error("Incorrect JSON value type", `A JSON object is required here, whose keys represent the ${labelsLeft[0]} block's labels.`, v.range));
      return;
    }
    for (const p of v.properties) {
      if (p.name === "//") continue;
      unpackBlock(p.value, type, typeRange, labelsLeft.slice(1), [...labels, p.name], [...labelRanges, p.nameRange], out, diags);
    }
    return;
  }
  const bodies = v.kind === "array" ? v.values : [v];
  for (const b of bodies) {
    if (b.kind !== "object") {
      diags.push(error("Incorrect JSON value type", "A JSON object is required here, setting the arguments for this block.", b.range));
      continue;
    }
    out.push({ type, labels, body: new JsonBody(b), defRange: b.openRange, typeRange, labelRanges });
  }
}

/**
 * hcled.ContextString for JSON: the path of object properties leading to `offset`, as `resource.x.y`.
 * Only properties whose values are objects or arrays are followed.
 */
function jsonContextLookup(root: JsonValue | undefined): (offset: number) => string | undefined {
  return (offset) => {
    const steps: string[] = [];
    let v: JsonValue | undefined = root;
    while (v) {
      let next: JsonValue | undefined;
      if (v.kind === "object") {
        for (const p of v.properties) {
          const pv = p.value;
          if ((pv.kind === "object" || pv.kind === "array") && offset >= pv.range.start && offset < pv.range.end) {
            steps.push("." + p.name);
            next = pv;
            break;
          }
        }
      } else if (v.kind === "array") {
        v.values.forEach((e, i) => {
          if (!next && (e.kind === "object" || e.kind === "array") && offset >= e.range.start && offset < e.range.end) {
            steps.push(`[${i}]`);
            next = e;
          }
        });
      }
      v = next;
    }
    const s = steps.join("");
    return s.startsWith(".") ? s.slice(1) || undefined : s || undefined;
  };
}

/** Parses a .tf.json file into a Body, its diagnostics, and its context lookup for rendering. */
export function parseJsonConfigBody(file: SourceFile): { body: Body; diagnostics: Diagnostic[]; contextLookup: (offset: number) => string | undefined } {
  const reader = new JsonReader(file);
  const root = reader.parseRoot();
  const diags = reader.diags;
  let obj: Extract<JsonValue, { kind: "object" }>;
  if (root && root.kind === "object") obj = root;
  else {
    if (root) {
      diags.push(
        error("Root value must be object", "The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.", root.range),
      );
    }
    const at: Range = { file, start: 0, end: 0 };
    obj = { kind: "object", properties: [], range: at, openRange: at };
  }
  return { body: new JsonBody(obj), diagnostics: diags, contextLookup: jsonContextLookup(root) };
}
