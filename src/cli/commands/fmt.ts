// `tfsim fmt`: Terraform 1.11's fmt command (internal/command/fmt.go) in flags, file selection, listing,
// -diff shape, exit codes (2 for errors, 3 for -check finding work) and messages.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { diffArrays } from "diff";
import { error, type Diagnostic } from "../../diag/diagnostic.js";
import { nativeContextLookup } from "../../config/native-body.js";
import { formatSource } from "../../hcl/format.js";
import { parseConfigFile } from "../../hcl/index.js";
import { sourceFile } from "../../hcl/source.js";
import type { Command } from "../command.js";
import { setContextLookup, showDiagnostics } from "../render-diagnostics.js";

const SUPPORTED_EXTENSIONS = [".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl"];

interface Options {
  readonly list: boolean;
  readonly write: boolean;
  readonly diff: boolean;
  readonly recursive: boolean;
}

/**
 * Terraform writes each piece of output through a UI writer that prints it as one line: a piece that does not
 * end in a newline gets one. That is why formatted stdin without a final newline comes back with one.
 */
class Output {
  private buffered = "";
  constructor(private readonly stream: Writable | undefined) {}

  write(piece: string): void {
    const text = piece.endsWith("\n") ? piece : piece + "\n";
    if (this.stream) this.stream.write(text);
    else this.buffered += text;
  }

  get text(): string {
    return this.buffered;
  }
}

export const fmtCommand: Command = {
  name: "fmt",
  synopsis: "Reformat your configuration in the standard style",
  help: `Usage: tfsim [global options] fmt [options] [target...]

  Rewrites all Terraform configuration files to a canonical format. All
  configuration files (.tf), variables files (.tfvars), and testing files 
  (.tftest.hcl) are updated. JSON files (.tf.json, .tfvars.json, or 
  .tftest.json) are not modified.

  By default, fmt scans the current directory for configuration files. If you
  provide a directory for the target argument, then fmt will scan that
  directory instead. If you provide a file, then fmt will process just that
  file. If you provide a single dash ("-"), then fmt will read from standard
  input (STDIN).

  The content must be in the Terraform language native syntax; JSON is not
  supported.

Options:

  -list=false    Don't list files whose formatting differs
                 (always disabled if using STDIN)

  -write=false   Don't write to source files
                 (always disabled if using STDIN or -check)

  -diff          Display diffs of formatting changes

  -check         Check if the input is formatted. Exit status will be 0 if all
                 input is properly formatted and non-zero otherwise.

  -no-color      If specified, output won't contain any color.

  -recursive     Also process files in subdirectories. By default, only the
                 given directory (or current directory) is processed.
`,
  flags: {
    list: { type: "boolean", default: true },
    write: { type: "boolean", default: true },
    diff: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    recursive: { type: "boolean", default: false },
  },
  async run(args, ctx) {
    let list = args.flags.list !== false;
    let write = args.flags.write !== false;
    const check = args.flags.check === true;
    const fromStdin = args.positionals[0] === "-";
    const paths = fromStdin ? [] : args.positionals.length > 0 ? [...args.positionals] : ["."];
    if (fromStdin) {
      list = false;
      write = false;
    }
    const listWanted = list;
    if (check) {
      // -check lists into a buffer: any listed file means "would change".
      list = true;
      write = false;
    }
    const out = new Output(check ? undefined : ctx.stdout);
    const opts: Options = { list, write, diff: args.flags.diff === true, recursive: args.flags.recursive === true };

    const diags: Diagnostic[] = [];
    if (fromStdin) {
      diags.push(...processFile("<stdin>", await readAll(ctx.stdin), undefined, opts, out));
    } else {
      diags.push(...processPaths(paths, ctx.cwd, opts, out));
    }
    showDiagnostics(ctx, diags);
    if (diags.some((d) => d.severity === "error")) return 2;
    if (check) {
      if (listWanted && out.text !== "") ctx.stdout.write(out.text);
      return out.text === "" ? 0 : 3;
    }
    return 0;
  },
};

function processPaths(paths: readonly string[], cwd: string, opts: Options, out: Output): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const given of paths) {
    const path = displayPath(cwd, given);
    const abs = resolve(cwd, path);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // Terraform stops at the first missing target.
      diags.push(error(`No file or directory at ${path}`));
      return diags;
    }
    if (isDir) {
      diags.push(...processDir(path, cwd, opts, out));
    } else if (isSupported(path)) {
      diags.push(...processFileAt(path, cwd, opts, out));
    } else {
      diags.push(error("Only .tf, .tfvars, and .tftest.hcl files can be processed with tfsim fmt"));
    }
  }
  return diags;
}

function processDir(path: string, cwd: string, opts: Options, out: Output): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let entries;
  try {
    entries = readdirSync(resolve(cwd, path), { withFileTypes: true });
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    return [error(missing ? `There is no configuration directory at ${path}` : `Cannot read directory ${path}`)];
  }
  // os.ReadDir's order: by name, bytewise.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (isIgnoredFile(entry.name)) continue;
    const sub = displayPath(cwd, join(path, entry.name));
    if (entry.isDirectory()) {
      // Like plan, fmt works on one module at a time unless asked to recurse.
      if (opts.recursive) diags.push(...processDir(sub, cwd, opts, out));
      continue;
    }
    if (isSupported(entry.name)) diags.push(...processFileAt(sub, cwd, opts, out));
  }
  return diags;
}

function processFileAt(path: string, cwd: string, opts: Options, out: Output): Diagnostic[] {
  let src: string;
  try {
    src = readFileSync(resolve(cwd, path), "utf8");
  } catch {
    return [error(`Failed to read file ${path}`)];
  }
  return processFile(path, src, resolve(cwd, path), opts, out);
}

function processFile(name: string, src: string, writeTo: string | undefined, opts: Options, out: Output): Diagnostic[] {
  const file = sourceFile(name, src);
  const { text, diagnostics } = formatSource(file);
  if (diagnostics.hasErrors()) {
    // So that each error names its enclosing block ("in resource ...") as Terraform's does.
    setContextLookup(file, nativeContextLookup(parseConfigFile(file).body));
    return diagnostics.items;
  }
  if (text !== src) {
    if (opts.list) out.write(name + "\n");
    if (opts.write && writeTo) {
      try {
        writeFileSync(writeTo, text);
      } catch {
        return [error(`Failed to write ${name}`)];
      }
    }
    if (opts.diff) out.write(unifiedDiff(src, text, name));
  }
  if (!opts.list && !opts.write && !opts.diff) out.write(text);
  return [];
}

/** The path as Terraform prints it: relative to the working directory, cleaned. */
function displayPath(cwd: string, given: string): string {
  const abs = isAbsolute(given) ? given : resolve(cwd, given);
  return relative(cwd, abs) || ".";
}

function isSupported(name: string): boolean {
  return SUPPORTED_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** Editor droppings and hidden files, which no Terraform command reads. */
function isIgnoredFile(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

/**
 * `diff -u --label=old/NAME --label=new/NAME` output, which is what Terraform shells out for. The diff package
 * finds a shortest edit; like GNU diff we then slide each run of changed lines over equal neighbours so that
 * runs merge, and print hunks with three lines of context the way GNU diff does.
 */
function unifiedDiff(before: string, after: string, name: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  // Changed flags with a false sentinel at both ends, as the sliding below looks one line past a run.
  const changedA = new Array<boolean>(a.length + 2).fill(false);
  const changedB = new Array<boolean>(b.length + 2).fill(false);
  // A line found only on one side is changed whatever the alignment, so it is left out of the search (as GNU
  // diff does): reformatting changes most lines, and the search's cost grows with the number of changes.
  const inA = new Set(a);
  const inB = new Set(b);
  const keptA = markUnmatched(a, inB, changedA);
  const keptB = markUnmatched(b, inA, changedB);
  const changes = diffArrays(
    keptA.map((k) => a[k]!),
    keptB.map((k) => b[k]!),
    { maxEditLength: Math.max(1000, Math.floor(MAX_DIFF_WORK / Math.max(1, keptA.length + keptB.length))) },
  );
  if (!changes) {
    // Too costly to find the shortest edit: call everything left changed, as a plain replacement.
    for (const k of keptA) changedA[k + 1] = true;
    for (const k of keptB) changedB[k + 1] = true;
  } else {
    let i = 0;
    let j = 0;
    for (const c of changes) {
      for (let k = 0; k < c.count; k++) {
        if (c.removed) changedA[keptA[i++]! + 1] = true;
        else if (c.added) changedB[keptB[j++]! + 1] = true;
        else {
          i++;
          j++;
        }
      }
    }
  }
  slideRuns(a, changedA, changedB);
  slideRuns(b, changedB, changedA);
  return `--- old/${name}\n+++ new/${name}\n` + hunks(a, b, changedA, changedB);
}

/**
 * The search costs about (lines × changes); past this much work (a second or so) the diff is a plain
 * replacement of the lines left, as GNU diff also gives up on a shortest edit when it gets too expensive.
 */
const MAX_DIFF_WORK = 200_000_000;

/** Marks the lines the other side does not have as changed; returns the indexes of the others. */
function markUnmatched(lines: readonly string[], other: ReadonlySet<string>, changed: boolean[]): number[] {
  const kept: number[] = [];
  lines.forEach((line, k) => {
    if (other.has(line)) kept.push(k);
    else changed[k + 1] = true;
  });
  return kept;
}

/** Lines with their terminators; a last line without one stays so (and is flagged when printed). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      lines.push(text.slice(start, k + 1));
      start = k + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * Moves each run of changed lines of one side up while the line before it equals the run's last line (merging
 * with runs above), then down as far as the same holds below; finally back up to where it lines up with a
 * change on the other side, if it passed one. `changed[k + 1]` is line k's flag; `other` walks in step.
 */
function slideRuns(lines: readonly string[], changed: boolean[], other: boolean[]): void {
  const n = lines.length;
  const ch = (k: number) => changed[k + 1] === true;
  const set = (k: number, v: boolean) => {
    changed[k + 1] = v;
  };
  // `j` walks the other side: just past the line matched with line i - 1 (changed lines there are skipped).
  const oc = (k: number) => other[k + 1] === true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < n && !ch(i)) {
      while (oc(j++)) {
        /* past the other side's changes */
      }
      i++;
    }
    if (i === n) return;
    let start = i;
    while (ch(++i)) {
      /* to the end of the run */
    }
    let runLength: number;
    let corresponding: number;
    do {
      runLength = i - start;
      // Up, while the line above the run equals its last line; runs met on the way merge.
      while (start > 0 && lines[start - 1] === lines[i - 1]) {
        set(--start, true);
        set(--i, false);
        while (ch(start - 1)) start--;
        while (oc(--j)) {
          /* back over the other side's changes */
        }
      }
      // Where the run last lined up with a change on the other side (n: nowhere).
      corresponding = oc(j - 1) ? i : n;
      // Down, while the run's first line equals the line below it.
      while (i < n && lines[start] === lines[i]) {
        set(start++, false);
        set(i++, true);
        while (ch(i)) i++;
        while (oc(++j)) corresponding = i;
      }
    } while (runLength !== i - start);
    while (corresponding < i) {
      set(--start, true);
      set(--i, false);
      while (oc(--j)) {
        /* back over the other side's changes */
      }
    }
  }
}

const CONTEXT = 3;

function hunks(a: readonly string[], b: readonly string[], changedA: boolean[], changedB: boolean[]): string {
  // Walk both sides in step: a pair of unchanged lines is common; otherwise a change (deletions, insertions).
  interface Change {
    a: number;
    b: number;
    deleted: number;
    inserted: number;
  }
  const changes: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (!changedA[i + 1] && !changedB[j + 1]) {
      i++;
      j++;
      continue;
    }
    const c: Change = { a: i, b: j, deleted: 0, inserted: 0 };
    while (i < a.length && changedA[i + 1]) {
      i++;
      c.deleted++;
    }
    while (j < b.length && changedB[j + 1]) {
      j++;
      c.inserted++;
    }
    changes.push(c);
  }
  let out = "";
  const print = (prefix: string, text: string) => {
    out += prefix + text;
    if (!text.endsWith("\n")) out += "\n\\ No newline at end of file\n";
  };
  for (let first = 0; first < changes.length; ) {
    // Changes closer than twice the context share a hunk.
    let last = first;
    while (last + 1 < changes.length && changes[last + 1]!.a - (changes[last]!.a + changes[last]!.deleted) <= 2 * CONTEXT) last++;
    const head = changes[first]!;
    const tail = changes[last]!;
    const before = Math.min(CONTEXT, head.a);
    const aStart = head.a - before;
    const bStart = head.b - before;
    const aEnd = Math.min(a.length, tail.a + tail.deleted + CONTEXT);
    const bEnd = bStart + (aEnd - aStart) + sumOf(changes, first, last, (c) => c.inserted - c.deleted);
    out += `@@ -${hunkRange(aStart, aEnd - aStart)} +${hunkRange(bStart, bEnd - bStart)} @@\n`;
    let ai = aStart;
    let bi = bStart;
    for (let k = first; k <= last; k++) {
      const c = changes[k]!;
      for (; ai < c.a; ai++, bi++) print(" ", a[ai]!);
      for (let d = 0; d < c.deleted; d++) print("-", a[ai++]!);
      for (let n = 0; n < c.inserted; n++) print("+", b[bi++]!);
    }
    for (; ai < aEnd; ai++, bi++) print(" ", a[ai]!);
    first = last + 1;
  }
  return out;
}

function sumOf<T>(items: readonly T[], from: number, to: number, f: (t: T) => number): number {
  let n = 0;
  for (let k = from; k <= to; k++) n += f(items[k]!);
  return n;
}

/** GNU diff's range: a count of one is left out, and an empty range is named by the line before it. */
function hunkRange(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
