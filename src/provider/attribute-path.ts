// A path to a value inside an object (cty.Path): attribute steps and index steps. Providers report
// diagnostics and requiresReplace with these; the state stores sensitive paths in Terraform's JSON form.
import { isJsonObject, type JsonValue } from "../../state/json.js";

export type PathStep = { readonly kind: "attr"; readonly name: string } | { readonly kind: "index"; readonly key: string | number };
export type AttributePath = readonly PathStep[];

export const attr = (name: string): PathStep => ({ kind: "attr", name });
export const index = (key: string | number): PathStep => ({ kind: "index", key });

/** `input`, `tags["Name"]`, `ingress[0].from_port`: how Terraform prints a path in messages. */
export function pathString(path: AttributePath): string {
  let s = "";
  for (const step of path) {
    if (step.kind === "attr") s += s ? `.${step.name}` : step.name;
    else s += typeof step.key === "number" ? `[${step.key}]` : `[${JSON.stringify(step.key)}]`;
  }
  return s;
}

/** The form Diagnostic.attributePath takes. */
export function diagnosticPath(path: AttributePath): (string | number)[] {
  return path.map((s) => (s.kind === "attr" ? s.name : s.key));
}

/** Terraform's state form: [{"type":"get_attr","value":"input"}, {"type":"index","value":{"value":0,"type":"number"}}]. */
export function pathToJson(path: AttributePath): JsonValue {
  return path.map((s) =>
    s.kind === "attr"
      ? { type: "get_attr", value: s.name }
      : { type: "index", value: { value: s.key, type: typeof s.key === "number" ? "number" : "string" } },
  );
}

export function pathFromJson(json: JsonValue): AttributePath | undefined {
  if (!Array.isArray(json)) return undefined;
  const out: PathStep[] = [];
  for (const s of json) {
    if (!isJsonObject(s)) return undefined;
    if (s.type === "get_attr" && typeof s.value === "string") out.push(attr(s.value));
    else if (s.type === "index" && isJsonObject(s.value) && (typeof s.value.value === "string" || typeof s.value.value === "number")) {
      out.push(index(s.value.value));
    } else return undefined;
  }
  return out;
}

export function pathsEqual(a: AttributePath, b: AttributePath): boolean {
  return a.length === b.length && a.every((s, i) => {
    const t = b[i]!;
    return s.kind === t.kind && (s.kind === "attr" ? s.name === (t as typeof s).name : s.key === (t as typeof s).key);
  });
}
