// hcl.Body for the JSON syntax (.tf.json), per HCL's JSON spec: an object's properties are arguments or
// blocks depending on the schema asked for; a block's labels are the keys of nested objects, one level per
// label; an array gives several blocks; "//" properties are comments. Strings are templates, parsed when
// the evaluator asks. The JSON reader keeps a range for every value and property name.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { parseTemplate } from "../hcl/index.js";
import type * as ast from "../hcl/ast.js";
import { unionRange, type Range, type SourceFile } from "../hcl/source.js";
import { nameSuggestion, rangeString, type Attribute, type Block, type Body, type BodyContent, type BodySchema, type Expression } from "./body.js";

export interface JsonProperty {
  readonly name: string;
  readonly nameRange: Range;
  readonly value: JsonValue;
}

export type JsonValue =
  | {
      readonly kind: "object";
      readonly properties: JsonProperty[];
      readonly range: Range;
      readonly openRange: Range;
      readonly closeRange: Range;
    }
  | { readonly kind: "array"; readonly values: JsonValue[]; readonly range: Range; readonly openRange: Range }
  | { readonly kind: "string"; readonly value: string; readonly range: Range }
  | { readonly kind: "number"; readonly text: string; readonly range: Range }
  | { readonly kind: "bool"; readonly value: boolean; readonly range: Range }
  | { readonly kind: "null"; readonly range: Range }
  /** What a value that failed to parse becomes: its first token's range, so decoding can go on. */
  | { readonly kind: "invalid"; readonly range: Range };

const enum Tok {
  BraceO,
  BraceC,
  BrackO,
  BrackC,
  Comma,
  Colon,
  Equals,
  String,
  Number,
  Keyword,
  Invalid,
  EOF,
}

interface Token {
  readonly type: Tok;
  readonly start: number;
  readonly end: number;
}

/** HCL's JSON scanner: punctuation, strings (validated later), numbers, keywords, and anything else invalid. */
function scan(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const single: Record<number, Tok> = { 123: Tok.BraceO, 125: Tok.BraceC, 91: Tok.BrackO, 93: Tok.BrackC, 44: Tok.Comma, 58: Tok.Colon, 61: Tok.Equals };
    const t = single[c];
    if (t !== undefined) {
      out.push({ type: t, start: i, end: i + 1 });
      i++;
    } else if (c === 34) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) {
          j++;
          break;
        } else j++;
      }
      out.push({ type: Tok.String, start: i, end: Math.min(j, n) });
      i = Math.min(j, n);
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && /[0-9eE+.-]/.test(text[j]!)) j++;
      out.push({ type: Tok.Number, start: i, end: j });
      i = j;
    } else if (/[A-Za-z_]/.test(text[i]!)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      out.push({ type: Tok.Keyword, start: i, end: j });
      i = j;
    } else {
      const w = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      out.push({ type: Tok.Invalid, start: i, end: i + w });
      i += w;
    }
  }
  out.push({ type: Tok.EOF, start: n, end: n });
  return out;
}

const MAX_DEPTH = 400;

/**
 * HCL's JSON parser (json/parser.go), rule for rule: a value that fails to parse becomes an "invalid" value at
 * its first token and the enclosing object or array carries on, so one run reports every problem it can.
 */
class JsonReader {
  private readonly toks: Token[];
  private p = 0;
  readonly diags: Diagnostic[] = [];

  constructor(private readonly file: SourceFile) {
    this.toks = scan(file.text);
  }

  private r(t: Token): Range {
    return { file: this.file, start: t.start, end: t.end };
  }

  private peek(): Token {
    return this.toks[this.p]!;
  }

  private read(): Token {
    const t = this.toks[this.p]!;
    if (t.type !== Tok.EOF) this.p++;
    return t;
  }

  private err(summary: string, detail: string, at: Range, context?: Range): undefined {
    this.diags.push(error(summary, detail, at, context ? { context } : undefined));
    return undefined;
  }

  parseFile(): JsonValue {
    const v = this.value(0);
    if (this.diags.length === 0 && this.peek().type !== Tok.EOF) {
      this.err("Extraneous data after value", "Extra characters appear after the JSON value.", this.r(this.peek()));
    }
    return v;
  }

  private value(depth: number): JsonValue {
    const tok = this.peek();
    let v: JsonValue | undefined;
    if (depth > MAX_DEPTH) {
      this.err("Nesting too deep", "This JSON value is nested too deeply to be read.", this.r(tok));
      // Skip the rest: nothing useful can be decoded this deep.
      this.p = this.toks.length - 1;
      return { kind: "invalid", range: this.r(tok) };
    }
    switch (tok.type) {
      case Tok.BraceO:
        v = this.object(depth);
        break;
      case Tok.BrackO:
        v = this.array(depth);
        break;
      case Tok.Number:
        v = this.number();
        break;
      case Tok.String:
        v = this.string();
        break;
      case Tok.Keyword:
        v = this.keyword();
        break;
      case Tok.BraceC:
        this.err("Missing JSON value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", this.r(tok));
        break;
      case Tok.BrackC:
        this.err("Missing array element value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", this.r(tok));
        break;
      case Tok.EOF:
        this.err("Missing value", "The JSON data ends prematurely.", this.r(tok));
        break;
      default:
        this.err("Invalid start of value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", this.r(tok));
    }
    return v ?? { kind: "invalid", range: this.r(tok) };
  }

  /** Skips to what seems to be the end of the current object or array. */
  private recover(tok: Token, open: Tok, close: Tok): void {
    let depth = 1;
    for (;;) {
      if (tok.type === open) depth++;
      else if (tok.type === close) {
        depth--;
        if (depth <= 1) return;
      } else if (tok.type === Tok.EOF) return;
      tok = this.read();
    }
  }

  private object(depth: number): JsonValue | undefined {
    const open = this.read();
    const properties: JsonProperty[] = [];
    for (;;) {
      if (this.peek().type === Tok.BraceC) break;
      const key = this.value(depth + 1);
      if (key.kind !== "string") {
        return this.err("Invalid object property name", "A JSON object property name must be a string", startRange(key));
      }
      const colon = this.read();
      if (colon.type !== Tok.Colon) {
        this.recover(colon, Tok.BraceO, Tok.BraceC);
        if (colon.type === Tok.BraceC || colon.type === Tok.Comma) {
          return this.err("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", this.r(colon));
        }
        if (colon.type === Tok.Equals) {
          return this.err("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an equals sign.", this.r(colon));
        }
        return this.err("Missing property value colon", "A colon must appear between an object property's name and its value.", this.r(colon));
      }
      const value = this.value(depth + 1);
      properties.push({ name: key.value, nameRange: key.range, value });
      const next = this.peek();
      if (next.type === Tok.Comma) {
        const comma = this.read();
        if (this.peek().type === Tok.BraceC) {
          return this.err("Trailing comma in object", "JSON does not permit a trailing comma after the final property in an object.", this.r(comma));
        }
        continue;
      }
      if (next.type === Tok.EOF) return this.err("Unclosed object", "No closing brace was found for this JSON object.", this.r(open));
      if (next.type === Tok.BrackC) {
        // The bracket is consumed, and (as in the HCL that Terraform 1.11 carries) the token after it is named.
        this.read();
        return this.err("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", this.r(this.peek()));
      }
      if (next.type === Tok.BraceC) break;
      this.recover(this.read(), Tok.BraceO, Tok.BraceC);
      return this.err("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", this.r(this.peek()));
    }
    const close = this.read();
    return {
      kind: "object",
      properties,
      range: { file: this.file, start: open.start, end: close.end },
      openRange: this.r(open),
      closeRange: this.r(close),
    };
  }

  private array(depth: number): JsonValue | undefined {
    const open = this.read();
    const values: JsonValue[] = [];
    for (;;) {
      if (this.peek().type === Tok.BrackC) break;
      values.push(this.value(depth + 1));
      const next = this.peek();
      if (next.type === Tok.Comma) {
        const comma = this.read();
        if (this.peek().type === Tok.BrackC) {
          return this.err("Trailing comma in array", "JSON does not permit a trailing comma after the final value in an array.", this.r(comma));
        }
        continue;
      }
      if (next.type === Tok.Colon) {
        this.recover(this.read(), Tok.BrackO, Tok.BrackC);
        return this.err("Invalid array value", "A colon is not used to introduce values in a JSON array.", this.r(this.peek()));
      }
      if (next.type === Tok.EOF) {
        this.recover(this.read(), Tok.BrackO, Tok.BrackC);
        return this.err("Unclosed object", "No closing bracket was found for this JSON array.", this.r(open));
      }
      if (next.type === Tok.BraceC) {
        const tok = this.read();
        this.recover(tok, Tok.BrackO, Tok.BrackC);
        return this.err("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.", this.r(tok));
      }
      if (next.type === Tok.BrackC) break;
      this.recover(this.read(), Tok.BrackO, Tok.BrackC);
      return this.err("Missing attribute seperator comma", "A comma must appear between each value in an array.", this.r(this.peek()));
    }
    const close = this.read();
    return { kind: "array", values, range: { file: this.file, start: open.start, end: close.end }, openRange: this.r(open) };
  }

  private number(): JsonValue | undefined {
    const tok = this.read();
    const text = this.file.text.slice(tok.start, tok.end);
    if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)) {
      return this.err("Invalid JSON number", "There is a syntax error in the given JSON number.", this.r(tok));
    }
    return { kind: "number", text, range: this.r(tok) };
  }

  private string(): JsonValue | undefined {
    const tok = this.read();
    const raw = this.file.text.slice(tok.start, tok.end);
    try {
      const value = JSON.parse(raw) as unknown;
      if (typeof value === "string") return { kind: "string", value, range: this.r(tok) };
    } catch {
      // Reported below, as encoding/json's failure is.
    }
    return this.err("Invalid JSON string", "There is a syntax error in the given JSON string.", this.r(tok));
  }

  private keyword(): JsonValue | undefined {
    const tok = this.read();
    const word = this.file.text.slice(tok.start, tok.end);
    if (word === "true" || word === "false") return { kind: "bool", value: word === "true", range: this.r(tok) };
    if (word === "null") return { kind: "null", range: this.r(tok) };
    if (word === "undefined" || word === "NaN" || word === "Infinity") {
      return this.err("Invalid JSON keyword", `The JavaScript identifier "${word}" cannot be used in JSON.`, this.r(tok));
    }
    const hint = nameSuggestion(word, ["true", "false", "null"]);
    return this.err("Invalid JSON keyword", `"${word}" is not a valid JSON keyword.${hint ? ` Did you mean "${hint}"?` : ""}`, this.r(tok));
  }
}

/** The first token of a value (its open brace or bracket, or all of a scalar). */
function startRange(v: JsonValue): Range {
  return v.kind === "object" || v.kind === "array" ? v.openRange : v.range;
}

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

/** The properties a JSON body holds: an object's, or those of every object in an array (hcl's collectDeepAttrs). */
function collectDeepAttrs(v: JsonValue, labelName: string | undefined, diags: Diagnostic[]): JsonProperty[] {
  switch (v.kind) {
    case "null":
      return [];
    case "object":
      return v.properties;
    case "array": {
      const out: JsonProperty[] = [];
      for (const e of v.values) {
        if (e.kind === "object") out.push(...e.properties);
        else {
          diags.push(
            error(
              "Incorrect JSON value type",
              labelName !== undefined
                ? `A JSON object is required here, to specify ${labelName} labels for this block.`
                : "A JSON object is required here, to define arguments and child blocks.",
              startRange(e),
            ),
          );
        }
      }
      return out;
    }
    default:
      diags.push(
        error(
          "Incorrect JSON value type",
          labelName !== undefined
            ? `Either a JSON object or JSON array of objects is required here, to specify ${labelName} labels for this block.`
            : "Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.",
          startRange(v),
        ),
      );
      return [];
  }
}

function attributeOf(p: JsonProperty): Attribute {
  return { name: p.name, expr: jsonExpression(p.value), range: unionRange(p.nameRange, p.value.range), nameRange: p.nameRange };
}

const NONE: ReadonlySet<string> = new Set();

class JsonBody implements Body {
  readonly syntax = "json" as const;

  constructor(
    private readonly val: JsonValue,
    private readonly hidden: ReadonlySet<string> = NONE,
  ) {}

  get range(): Range {
    return this.val.range;
  }

  /** HCL points at the closing brace of a JSON object for what is missing from it. */
  missingItemRange(): Range {
    const v = this.val;
    return v.kind === "object" ? v.closeRange : startRange(v);
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diagnostics: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const props = collectDeepAttrs(this.val, undefined, diags);
    const used = new Set(this.hidden);
    const attrs = new Map<string, Attribute>();
    const blocks: Block[] = [];
    for (const p of props) {
      if (this.hidden.has(p.name)) continue;
      const attrS = schema.attributes?.find((a) => a.name === p.name);
      if (attrS) {
        const existing = attrs.get(p.name);
        if (existing) {
          diags.push(
            error("Duplicate argument", `The argument "${p.name}" was already set at ${rangeString(existing.range)}.`, p.nameRange, {
              context: unionRange(p.nameRange, p.value.range),
            }),
          );
          continue;
        }
        attrs.set(p.name, attributeOf(p));
        used.add(p.name);
        continue;
      }
      const blockS = schema.blocks?.find((b) => b.type === p.name);
      if (blockS) {
        unpackBlock(p.value, blockS.type, p.nameRange, blockS.labelNames ?? [], [], [], blocks, diags);
        used.add(p.name);
      }
    }
    for (const a of schema.attributes ?? []) {
      if (a.required && !attrs.has(a.name)) {
        diags.push(error("Missing required argument", `The argument "${a.name}" is required, but no definition was found.`, this.missingItemRange()));
      }
    }
    return {
      content: { attributes: attrs, blocks, missingItemRange: this.missingItemRange() },
      remain: new JsonBody(this.val, used),
      diagnostics: diags,
    };
  }

  content(schema: BodySchema): { content: BodyContent; diagnostics: Diagnostic[] } {
    const { content, remain, diagnostics } = this.partialContent(schema);
    const hidden = (remain as JsonBody).hidden;
    // Attributes already given are not suggested again; block types are, since blocks repeat.
    const candidates = [
      ...(schema.attributes ?? []).filter((a) => !hidden.has(a.name)).map((a) => a.name),
      ...(schema.blocks ?? []).map((b) => b.type),
    ];
    // HCL collects the properties a second time here, so a mistyped body is reported twice; so are we.
    for (const p of collectDeepAttrs(this.val, undefined, diagnostics)) {
      if (p.name === "//" || hidden.has(p.name)) continue;
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
    const diags: Diagnostic[] = [];
    const attrs = new Map<string, Attribute>();
    if (this.val.kind !== "object") {
      diags.push(error("Incorrect JSON value type", "A JSON object is required here, setting the arguments for this block.", startRange(this.val)));
      return { attributes: attrs, diagnostics: diags };
    }
    for (const p of this.val.properties) {
      if (p.name === "//" || this.hidden.has(p.name)) continue;
      const existing = attrs.get(p.name);
      if (existing) {
        diags.push(error("Duplicate attribute definition", `The argument "${p.name}" was already set at ${rangeString(existing.range)}.`, p.nameRange));
        continue;
      }
      attrs.set(p.name, attributeOf(p));
    }
    return { attributes: attrs, diagnostics: diags };
  }
}

/** One level of a JSON block (hcl's unpackBlock): object keys are labels until none are left. */
function unpackBlock(
  v: JsonValue,
  type: string,
  typeRange: Range,
  labelsLeft: readonly string[],
  labels: readonly string[],
  labelRanges: readonly Range[],
  out: Block[],
  diags: Diagnostic[],
): void {
  if (labelsLeft.length > 0) {
    const labelName = labelsLeft[0]!;
    const props = collectDeepAttrs(v, labelName, diags);
    if (props.length === 0) {
      diags.push(
        error(
          "Missing block label",
          `At least one object property is required, whose name represents the ${type} block's ${labelName}.`,
          startRange(v),
        ),
      );
      return;
    }
    for (const p of props) {
      unpackBlock(p.value, type, typeRange, labelsLeft.slice(1), [...labels, p.name], [...labelRanges, p.nameRange], out, diags);
    }
    return;
  }
  switch (v.kind) {
    case "null":
      return;
    case "object":
      out.push({ type, labels, body: new JsonBody(v), defRange: v.openRange, typeRange, labelRanges });
      return;
    case "array":
      // Each element is a block; a mistyped one is reported when its content is asked for.
      for (const e of v.values) out.push({ type, labels, body: new JsonBody(e), defRange: v.openRange, typeRange, labelRanges });
      return;
    default:
      diags.push(
        error(
          "Incorrect JSON value type",
          `Either a JSON object or a JSON array is required, representing the contents of one or more "${type}" blocks.`,
          startRange(v),
        ),
      );
  }
}

/**
 * hcled.ContextString for JSON: the path of object properties leading to `offset`, as `resource.x.y`.
 * Only properties whose values are objects or arrays are followed.
 */
function jsonContextLookup(root: JsonValue): (offset: number) => string | undefined {
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
export function parseJsonConfigBody(file: SourceFile): {
  body: Body;
  diagnostics: Diagnostic[];
  contextLookup: (offset: number) => string | undefined;
} {
  const reader = new JsonReader(file);
  let root = reader.parseFile();
  const diags = reader.diags;
  if (root.kind !== "object" && root.kind !== "array") {
    diags.push(
      error(
        "Root value must be object",
        "The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.",
        startRange(root),
      ),
    );
    // An empty stand-in, so that decoding does not report the same problem again in vaguer words.
    const at: Range = { file, start: 0, end: 0 };
    root = { kind: "object", properties: [], range: at, openRange: at, closeRange: at };
  }
  return { body: new JsonBody(root), diagnostics: diags, contextLookup: jsonContextLookup(root) };
}
