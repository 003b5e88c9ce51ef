// Server-side input validation from botocore's shapes (generated into <service>/input-shapes.ts), with the
// message AWS's Query services answer: "1 validation error detected: Value 'a b' at 'userName' failed to satisfy
// constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+".
import { AwsError } from "./api.js";

export interface InputShape {
  /** structure | list | map | string | integer | long | boolean | timestamp | blob | double | float */
  readonly t: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  /** structure members */
  readonly m?: Readonly<Record<string, InputShape>>;
  /** structure required members */
  readonly r?: readonly string[];
  /** list element */
  readonly e?: InputShape;
  readonly k?: InputShape;
  readonly v?: InputShape;
}

const compiled = new Map<string, RegExp | null>();

function patternOf(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${source})$`, "u");
    } catch {
      re = null; // a Java-only construct: AWS checks it, we cannot; better to accept than to refuse wrongly
    }
    compiled.set(source, re);
  }
  return re;
}

/** AWS names members in lowerCamelCase in these messages: UserName → userName. */
function memberPath(prefix: string, name: string): string {
  const m = name.charAt(0).toLowerCase() + name.slice(1);
  return prefix ? `${prefix}.${m}` : m;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}]'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${typeof value === "object" ? JSON.stringify(value) : String(value)}'`;
}

function check(shape: InputShape, value: unknown, path: string, out: string[]): void {
  const fail = (constraint: string): void => {
    out.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: Member ${constraint}`);
  };
  switch (shape.t) {
    case "string": {
      if (typeof value !== "string") return fail("must be a string");
      // AWS counts characters (code points), not UTF-16 units.
      const len = value.length;
      if (shape.max !== undefined && len > shape.max) fail(`must have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && len < shape.min) fail(`must have length greater than or equal to ${shape.min}`);
      if (shape.enum && !shape.enum.includes(value)) fail(`must satisfy enum value set: [${shape.enum.join(", ")}]`);
      if (shape.pattern !== undefined && len > 0) {
        const re = patternOf(shape.pattern);
        if (re && !re.test(value)) fail(`must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    }
    case "integer":
    case "long":
    case "double":
    case "float": {
      if (typeof value !== "number" || Number.isNaN(value)) return fail("must be a number");
      if (shape.max !== undefined && value > shape.max) fail(`must have value less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value < shape.min) fail(`must have value greater than or equal to ${shape.min}`);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") fail("must be a boolean");
      return;
    case "timestamp":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail("must be a timestamp");
      return;
    case "list": {
      if (!Array.isArray(value)) return fail("must be a list");
      if (shape.max !== undefined && value.length > shape.max) fail(`must have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value.length < shape.min) fail(`must have length greater than or equal to ${shape.min}`);
      if (shape.e) for (let i = 0; i < value.length; i++) check(shape.e, value[i], `${path}.${i + 1}.member`, out);
      return;
    }
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("must be a structure");
      checkStructure(shape, value as Record<string, unknown>, path, out);
      return;
    }
    default:
      return;
  }
}

function checkStructure(shape: InputShape, value: Record<string, unknown>, prefix: string, out: string[]): void {
  if (shape.r) {
    for (const name of shape.r) {
      if (value[name] === undefined || value[name] === null) {
        out.push(`Value null at '${memberPath(prefix, name)}' failed to satisfy constraint: Member must not be null`);
      }
    }
  }
  if (!shape.m) return;
  for (const name in value) {
    const v = value[name];
    const member = shape.m[name];
    if (member === undefined || v === undefined || v === null) continue;
    check(member, v, memberPath(prefix, name), out);
  }
}

/** Throws AWS's ValidationError when params do not satisfy the operation's input shape. */
export function validateInput(shape: InputShape | undefined, params: Record<string, unknown>): void {
  if (!shape) return;
  const errors: string[] = [];
  checkStructure(shape, params, "", errors);
  if (errors.length === 0) return;
  const n = errors.length;
  throw new AwsError("ValidationError", `${n} validation error${n === 1 ? "" : "s"} detected: ${errors.join("; ")}`, 400);
}
