// Input validation against the model's constraints (required, length, range, pattern, enum), answered as AWS's
// Query services answer it: "2 validation errors detected: Value null at 'userName' failed to satisfy
// constraint: Member must not be null; Value 'x…' at 'path' failed to satisfy constraint: Member must have
// length less than or equal to 512". EC2's dialect only reports a missing parameter (MissingParameter).
import type { AwsErrorShape } from "../api.js";
import type { Shape } from "./model.js";
import type { QueryDialect } from "./query.js";

const patterns = new WeakMap<Shape, RegExp | null>();

function patternOf(shape: Shape): RegExp | null {
  let re = patterns.get(shape);
  if (re === undefined) {
    // botocore's patterns are Java regexes matched against the whole value; \p{L} needs the "u" flag, while
    // Java's lenient escapes ("\:") only compile without it.
    const source = `^(?:${shape.json.pattern!})$`;
    try {
      re = new RegExp(source, "su");
    } catch {
      try {
        re = new RegExp(source, "s");
      } catch {
        re = null;
      }
    }
    patterns.set(shape, re);
  }
  return re;
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Checks params against the input shape; undefined when valid. */
export function validateInput(input: Shape, params: Record<string, unknown>, dialect: QueryDialect): AwsErrorShape | undefined {
  if (dialect === "ec2") {
    for (const name of input.required) {
      if (params[name] === undefined) {
        const m = input.memberMap.get(name)!;
        const wire = m.queryName ?? (m.locationName ? m.locationName[0]!.toUpperCase() + m.locationName.slice(1) : m.name);
        return { code: "MissingParameter", message: `The request must contain the parameter ${wire}`, httpStatus: 400, type: "Sender" };
      }
    }
    return undefined;
  }
  const errors: string[] = [];
  structure(input, params, "", errors);
  if (errors.length === 0) return undefined;
  const n = errors.length;
  return {
    code: "ValidationError",
    message: `${n} validation error${n === 1 ? "" : "s"} detected: ${errors.join("; ")}`,
    httpStatus: 400,
    type: "Sender",
  };
}

function structure(shape: Shape, value: Record<string, unknown>, path: string, errors: string[]): void {
  for (const m of shape.members) {
    const p = path === "" ? lowerFirst(m.name) : `${path}.${lowerFirst(m.name)}`;
    const v = value[m.name];
    if (v === undefined || v === null) {
      if (shape.required.has(m.name)) errors.push(`Value null at '${p}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    check(m.shape, v, p, errors);
  }
}

function check(shape: Shape, v: unknown, path: string, errors: string[]): void {
  const j = shape.json;
  const at = j.sensitive ? `Value at '${path}'` : `Value '${show(v)}' at '${path}'`;
  const fail = (constraint: string) => errors.push(`${at} failed to satisfy constraint: ${constraint}`);
  switch (shape.type) {
    case "structure":
      if (typeof v === "object") structure(shape, v as Record<string, unknown>, path, errors);
      return;
    case "list":
      if (!Array.isArray(v)) return;
      if (j.min !== undefined && v.length < j.min) fail(`Member must have length greater than or equal to ${j.min}`);
      if (j.max !== undefined && v.length > j.max) fail(`Member must have length less than or equal to ${j.max}`);
      v.forEach((item, i) => {
        if (item !== undefined && item !== null) check(shape.member!.shape, item, `${path}.${i + 1}.member`, errors);
      });
      return;
    case "map": {
      if (typeof v !== "object") return;
      const keys = Object.keys(v as object);
      if (j.min !== undefined && keys.length < j.min) fail(`Member must have length greater than or equal to ${j.min}`);
      if (j.max !== undefined && keys.length > j.max) fail(`Member must have length less than or equal to ${j.max}`);
      return;
    }
    case "string": {
      if (typeof v !== "string") return;
      // Lengths count characters (code points), as Java's String does for the BMP.
      if (j.min !== undefined && v.length < j.min) fail(`Member must have length greater than or equal to ${j.min}`);
      if (j.max !== undefined && v.length > j.max) fail(`Member must have length less than or equal to ${j.max}`);
      if (j.enum && !j.enum.includes(v)) fail(`Member must satisfy enum value set: [${j.enum.join(", ")}]`);
      if (j.pattern !== undefined && v.length > 0) {
        const re = patternOf(shape);
        if (re && !re.test(v)) fail(`Member must satisfy regular expression pattern: ${j.pattern}`);
      }
      return;
    }
    case "integer":
    case "long":
    case "double":
    case "float":
      if (typeof v !== "number") return;
      if (j.min !== undefined && v < j.min) fail(`Member must have value greater than or equal to ${j.min}`);
      if (j.max !== undefined && v > j.max) fail(`Member must have value less than or equal to ${j.max}`);
      return;
    default:
      return;
  }
}
