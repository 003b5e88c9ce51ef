// hcl.Body for the JSON syntax (.tf.json), per HCL's JSON spec: an object's properties are arguments or
// blocks depending on the schema asked for; a block's labels are the keys of nested objects, one level per
// label; an array gives several blocks; "//" properties are comments. Strings are templates, parsed when
// the evaluator asks. The JSON reader keeps a range for every value and property name.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { parseJson, startRange, type JsonProperty, type JsonValue } from "../hcl/json.js";
import { expressionAst } from "./expression-ast.js";
import { nativeExpression } from "./native-body.js";
import { unionRange, type Range, type SourceFile } from "../hcl/source.js";
import { nameSuggestion, rangeString, type Attribute, type Block, type Body, type BodyContent, type BodySchema, type Expression } from "./body.js";

export type { JsonProperty, JsonValue };

function jsonExpression(v: JsonValue): Expression {
  const expr: Expression = {
    syntax: "json",
    node: v,
    range: v.range,
    quotedString: () => undefined,
    keyword: () => (v.kind === "string" && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(v.value) ? v.value : undefined),
    // The references of the expression the value is read as (strings are templates), found as in native syntax.
    references: () => nativeExpression(expressionAst(expr)).references(),
  };
  return expr;
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
  const parsed = parseJson(file);
  let root = parsed.value;
  const diags = parsed.diagnostics;
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
