// Filesystem functions: abspath basename dirname pathexpand file fileexists fileset filebase64, and the file
// hash functions' reader. Relative paths resolve against CallContext.baseDir (Terraform: the module directory).
// dirname/basename follow Go's path/filepath rules, which differ from Node's at the edges ("" → ".").
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { BoolType, StringType, setOf } from "../types.js";
import { Value } from "../value.js";
import { FunctionError, type CallContext, type FunctionSpec } from "./spec.js";
import { quote } from "./util.js";

/** Go's path.Clean. */
export function goClean(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else if (!rooted) parts.push("..");
      continue;
    }
    parts.push(seg);
  }
  const out = (rooted ? "/" : "") + parts.join("/");
  return out === "" ? "." : out;
}

export function goDir(p: string): string {
  const i = p.lastIndexOf("/");
  return goClean(p.slice(0, i + 1));
}

export function goBase(p: string): string {
  if (p === "") return ".";
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p === "/") return "/";
  const i = p.lastIndexOf("/");
  return i >= 0 ? p.slice(i + 1) : p;
}

function expandHome(p: string): string {
  if (p === "~") return homedir();
  if (p.startsWith("~/")) return join(homedir(), p.slice(2));
  return p;
}

/** Reads a file for the hash functions, which report Go's os.Open error as it is. */
export function readFileRaw(ctx: CallContext, p: string): Buffer | FunctionError {
  const full = resolvePath(ctx, p);
  try {
    if (statSync(full).isDirectory()) return new FunctionError(`read ${p}: is a directory`);
    return readFileSync(full);
  } catch {
    return new FunctionError(`open ${p}: no such file or directory`);
  }
}

export function resolvePath(ctx: CallContext, p: string): string {
  const e = expandHome(p);
  return isAbsolute(e) ? e : resolve(ctx.baseDir, e);
}

/** Reads a file for file() and friends, with Terraform's wording when it is missing. */
export function readConfigFile(ctx: CallContext, p: string, argIndex = 0): Buffer | FunctionError {
  const full = resolvePath(ctx, p);
  try {
    if (statSync(full).isDirectory()) return new FunctionError(`failed to read file: read ${p}: is a directory`, argIndex);
    return readFileSync(full);
  } catch {
    return new FunctionError(
      `no file exists at ${quote(p)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`,
      argIndex,
    );
  }
}

/** A doublestar glob (as fileset uses): `*` `?` `[...]` within a segment, `**` across segments, `{a,b}`. */
export function globToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        const atSegStart = i === 0 || pattern[i - 1] === "/";
        const atSegEnd = pattern[i + 2] === "/" || i + 2 === pattern.length;
        if (atSegStart && atSegEnd) {
          if (pattern[i + 2] === "/") {
            re += "(?:[^/]*/)*";
            i += 2;
          } else {
            re += ".*";
            i += 1;
          }
          continue;
        }
      }
      re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith("!") || body.startsWith("^")) body = "^" + body.slice(1);
      re += "[" + body.replace(/\\/g, "\\\\") + "]";
      i = close;
    } else if (ch === "{") {
      const close = pattern.indexOf("}", i + 1);
      if (close < 0) {
        re += "\\{";
        continue;
      }
      re += "(?:" + pattern.slice(i + 1, close).split(",").map((alt) => globToRegExp(alt).source.slice(1, -1)).join("|") + ")";
      i = close;
    } else if (ch === "\\" && i + 1 < pattern.length) {
      re += "\\" + pattern[++i];
    } else re += /[.+^$()|\\]/.test(ch) ? "\\" + ch : ch;
  }
  return new RegExp("^" + re + "$");
}

function walkFiles(root: string, rel = ""): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const r = rel ? rel + "/" + e.name : e.name;
    if (e.isDirectory()) out.push(...walkFiles(root, r));
    else out.push(r);
  }
  return out;
}

export const filesystemFunctions: FunctionSpec[] = [
  {
    name: "abspath",
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a, ctx) => Value.string(resolve(ctx.baseDir, a[0]!.asString())),
  },
  {
    name: "dirname",
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(goDir(a[0]!.asString())),
  },
  {
    name: "basename",
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(goBase(a[0]!.asString())),
  },
  {
    name: "pathexpand",
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(expandHome(a[0]!.asString())),
  },
  {
    name: "file",
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a, ctx) => {
      const p = a[0]!.asString();
      const b = readConfigFile(ctx, p);
      if (b instanceof FunctionError) return b;
      const s = b.toString("utf8");
      if (Buffer.from(s, "utf8").compare(b) !== 0) {
        return new FunctionError(
          `contents of ${quote(p)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
        );
      }
      return Value.string(s);
    },
  },
  {
    name: "filebase64",
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a, ctx) => {
      const b = readConfigFile(ctx, a[0]!.asString());
      return b instanceof FunctionError ? b : Value.string(b.toString("base64"));
    },
  },
  {
    name: "fileexists",
    params: [{ name: "path", type: StringType }],
    type: BoolType,
    impl: (a, ctx) => {
      const p = a[0]!.asString();
      const full = resolvePath(ctx, p);
      if (!existsSync(full)) return Value.bool(false);
      if (statSync(full).isDirectory()) return new FunctionError(`${quote(p)} is a directory, not a file`);
      return Value.bool(true);
    },
  },
  {
    name: "fileset",
    params: [
      { name: "path", type: StringType },
      { name: "pattern", type: StringType },
    ],
    type: setOf(StringType),
    impl: (a, ctx) => {
      const root = resolvePath(ctx, a[0]!.asString());
      const re = globToRegExp(a[1]!.asString());
      const matches = walkFiles(root).filter((f) => re.test(f));
      return Value.set(matches.map((m) => Value.string(m)), StringType);
    },
  },
];
