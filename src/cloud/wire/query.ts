// The AWS Query protocol (IAM, STS) and its EC2 dialect, both directions, driven entirely by the service model:
//   request:  form parameters (Action=CreateUser&Tags.member.1.Key=k) → params shaped like the input structure
//   response: output structure → <CreateUserResponse><CreateUserResult>…</CreateUserResult><ResponseMetadata>…
//   error:    <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
// EC2's dialect differs in names (queryName / capitalised locationName), always-flat lists ("Filter.1.Name"),
// responses without a Result wrapper, `item` list members, and <Response><Errors><Error> errors.
// The naming rules mirror botocore's QuerySerializer / EC2Serializer, which are what clients send.
import type { AwsErrorShape } from "../api.js";
import type { Operation, ServiceModel, Shape, ShapeRef } from "./model.js";
import { encodeMembers } from "./shape-xml.js";
import { escapeXml, XML_DECLARATION } from "./xml.js";

export type QueryDialect = "query" | "ec2";

/** Decoded form parameters: name → value, in order, last value wins for a repeated name. */
export type FormParams = Map<string, string>;

/** Parses application/x-www-form-urlencoded text ("+" is a space). Never throws on malformed escapes. */
export function parseForm(text: string, into: FormParams = new Map()): FormParams {
  if (text === "") return into;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end < 0) end = text.length;
    if (end > start) {
      const part = text.slice(start, end);
      const eq = part.indexOf("=");
      const k = formDecode(eq < 0 ? part : part.slice(0, eq));
      const v = eq < 0 ? "" : formDecode(part.slice(eq + 1));
      into.set(k, v);
    }
    start = end + 1;
  }
  return into;
}

function formDecode(s: string): string {
  if (s.indexOf("+") >= 0) s = s.replace(/\+/g, " ");
  if (s.indexOf("%") < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    // A stray "%" is kept literally, as lenient servers do, rather than failing the request.
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

function queryError(code: string, message: string, httpStatus = 400): AwsErrorShape {
  return { code, message, httpStatus, type: "Sender" };
}

export type DecodeResult = { ok: true; params: Record<string, unknown> } | { ok: false; error: AwsErrorShape };

class DecodeError {
  constructor(readonly error: AwsErrorShape) {}
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** The name a structure member has on the wire in a request. */
function memberWireName(ref: ShapeRef, dialect: QueryDialect): string {
  if (dialect === "ec2") return ref.queryName ?? (ref.locationName ? upperFirst(ref.locationName) : ref.name);
  return ref.locationName ?? ref.name;
}

/**
 * Decodes the request parameters of `op` from the form. Unknown parameters are ignored, as AWS ignores them;
 * values that cannot be of their shape's type are a 400 in the dialect's words.
 */
export function decodeQueryInput(op: Operation, form: FormParams, dialect: QueryDialect): DecodeResult {
  if (!op.input) return { ok: true, params: {} };
  // Every dotted prefix present in the form, so that "is there anything under Tags.member.3?" is one lookup.
  const prefixes = new Set<string>();
  for (const key of form.keys()) {
    let dot = key.indexOf(".");
    while (dot >= 0) {
      prefixes.add(key.slice(0, dot));
      dot = key.indexOf(".", dot + 1);
    }
  }
  const d = new Decoder(form, prefixes, dialect);
  try {
    return { ok: true, params: d.structure(op.input, "") };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: e.error };
    throw e;
  }
}

class Decoder {
  constructor(
    private readonly form: FormParams,
    private readonly prefixes: Set<string>,
    private readonly dialect: QueryDialect,
  ) {}

  structure(shape: Shape, prefix: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const m of shape.members) {
      const name = memberWireName(m, this.dialect);
      const v = this.value(m, prefix === "" ? name : prefix + "." + name);
      if (v !== undefined) out[m.name] = v;
    }
    return out;
  }

  private present(key: string): boolean {
    return this.form.has(key) || this.prefixes.has(key);
  }

  value(ref: ShapeRef, key: string): unknown {
    const shape = ref.shape;
    switch (shape.type) {
      case "structure":
        return this.prefixes.has(key) ? this.structure(shape, key) : undefined;
      case "list":
        return this.list(ref, key);
      case "map":
        return this.map(ref, key);
      default: {
        const raw = this.form.get(key);
        return raw === undefined ? undefined : this.scalar(ref, raw, key);
      }
    }
  }

  private list(ref: ShapeRef, key: string): unknown[] | undefined {
    const member = ref.shape.member!;
    let base: string;
    if (this.dialect === "ec2") {
      base = key;
    } else if (ref.flattened) {
      // A flattened list's items are named by the member's locationName in place of the list's own name.
      base = member.locationName ? replaceLast(key, member.locationName) : key;
    } else {
      base = key + "." + (member.locationName ?? "member");
    }
    const items: unknown[] = [];
    for (let i = 1; ; i++) {
      const itemKey = base + "." + i;
      if (!this.present(itemKey)) break;
      // A bare value where the item is a structure ("Filter.1=x") names no member of it: no item, as nothing
      // past the protocol may see an undefined element.
      const item = this.value(member, itemKey);
      if (item !== undefined) items.push(item);
    }
    if (items.length > 0) return items;
    // The query protocol sends an empty list as the bare name with an empty value ("Tags=").
    return this.form.get(key) === "" ? [] : undefined;
  }

  private map(ref: ShapeRef, key: string): Record<string, unknown> | undefined {
    const shape = ref.shape;
    const base = ref.flattened ? key : key + ".entry";
    const keyName = shape.key!.locationName ?? "key";
    const valueName = shape.value!.locationName ?? "value";
    let out: Record<string, unknown> | undefined;
    for (let i = 1; ; i++) {
      const entry = base + "." + i;
      if (!this.prefixes.has(entry)) break;
      const k = this.form.get(entry + "." + keyName);
      if (k === undefined) continue;
      out ??= {};
      out[k] = this.value(shape.value!, entry + "." + valueName);
    }
    return out ?? (this.form.get(key) === "" ? {} : undefined);
  }

  private scalar(ref: ShapeRef, raw: string, key: string): unknown {
    const shape = ref.shape;
    switch (shape.type) {
      case "string": {
        // EC2 checks enum members while reading the request; the Query services' ValidationError comes from the
        // input shapes' validation later (src/cloud/validate.ts), with all the errors of a request together.
        const allowed = this.dialect === "ec2" ? shape.json.enum : undefined;
        if (allowed !== undefined && !allowed.includes(raw)) {
          throw this.typeError(key, raw, allowed.length <= 20 ? `Member must satisfy enum value set: [${allowed.join(", ")}]` : "Member must be one of the values the API reference lists");
        }
        return raw;
      }
      case "integer":
      case "long": {
        const t = raw.trim();
        if (/^[-+]?\d+$/.test(t)) {
          const n = Number(t);
          if (Number.isSafeInteger(n) && (shape.type === "long" || (n >= -2147483648 && n <= 2147483647))) return n;
        }
        throw this.typeError(key, raw, shape.type === "integer" ? "Member must be a valid integer" : "Member must be a valid long");
      }
      case "double":
      case "float": {
        const n = raw.trim() === "" ? NaN : Number(raw);
        if (Number.isFinite(n)) return n;
        throw this.typeError(key, raw, "Member must be a valid number");
      }
      case "boolean": {
        const t = raw.toLowerCase();
        if (t === "true") return true;
        if (t === "false") return false;
        throw this.typeError(key, raw, "Member must be a valid boolean");
      }
      case "timestamp": {
        const d = parseTimestamp(raw);
        if (d) return d;
        throw this.typeError(key, raw, "Member must be a valid timestamp");
      }
      case "blob":
        return Buffer.from(raw, "base64");
      default:
        return raw;
    }
  }

  private typeError(key: string, raw: string, constraint: string): DecodeError {
    if (this.dialect === "ec2") {
      return new DecodeError(queryError("InvalidParameterValue", `Value (${raw}) for parameter ${key} is invalid. ${constraint.replace("Member", "It")}.`));
    }
    return new DecodeError(
      queryError("ValidationError", `1 validation error detected: Value '${raw}' at '${coralPath(key)}' failed to satisfy constraint: ${constraint}`),
    );
  }
}

function replaceLast(key: string, name: string): string {
  const dot = key.lastIndexOf(".");
  return dot < 0 ? name : key.slice(0, dot + 1) + name;
}

/** Wire key ("Tags.member.1.Key") → the member path AWS's validation messages use ("tags.1.member.key"). */
export function coralPath(key: string): string {
  const parts = key.split(".");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if ((p === "member" || p === "entry") && i + 1 < parts.length && /^\d+$/.test(parts[i + 1]!)) {
      out.push(parts[i + 1]!, p);
      i++;
    } else {
      out.push(/^\d+$/.test(p) ? p : lowerFirst(p));
    }
  }
  return out.join(".");
}

/** ISO 8601 (with or without fraction and zone) or epoch seconds, as botocore may send either. */
export function parseTimestamp(raw: string): Date | undefined {
  const t = raw.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return new Date(Number(t) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(t)) return undefined;
  const withZone = /([Zz]|[+-]\d{2}:?\d{2})$/.test(t) || t.length === 10 ? t : t + "Z";
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

/** The namespace of EC2 responses ends in "/" on the wire, unlike the model's metadata. */
function namespaceOf(model: ServiceModel): string {
  const ns = model.xmlNamespace ?? "";
  return model.protocol === "ec2" && ns !== "" && !ns.endsWith("/") ? ns + "/" : ns;
}

/** The XML body of a successful call. */
export function encodeQueryOutput(model: ServiceModel, op: Operation, output: Record<string, unknown>, requestId: string): string {
  const ns = namespaceOf(model);
  const root = op.name + "Response";
  if (model.protocol === "ec2") {
    let body = `${XML_DECLARATION}<${root} xmlns="${ns}"><requestId>${escapeXml(requestId)}</requestId>`;
    if (op.output) body += encodeMembers(op.output, output);
    return body + `</${root}>`;
  }
  let body = `<${root} xmlns="${ns}">`;
  if (op.output) {
    if (op.resultWrapper) body += `<${op.resultWrapper}>${encodeMembers(op.output, output)}</${op.resultWrapper}>`;
    else body += encodeMembers(op.output, output);
  }
  return body + `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${root}>\n`;
}

/** The XML body of an error, in the protocol's shape. */
export function encodeQueryError(model: ServiceModel | undefined, error: AwsErrorShape, requestId: string): string {
  let extra = "";
  if (error.extra) for (const [k, v] of Object.entries(error.extra)) extra += `<${k}>${escapeXml(v)}</${k}>`;
  if (model?.protocol === "ec2") {
    return (
      `${XML_DECLARATION}<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
      `${extra}</Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`
    );
  }
  const ns = model ? ` xmlns="${namespaceOf(model)}"` : "";
  return (
    `<ErrorResponse${ns}><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${extra}</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>\n`
  );
}
