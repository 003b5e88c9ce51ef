// `tfsim fmt`: Terraform 1.11's fmt command (internal/command/fmt.go) in flags, file selection, listing,
// -diff shape, exit codes (2 for errors, 3 for -check finding work) and messages.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { structuredPatch } from "diff";
import { error, type Diagnostic } from "../../diag/diagnostic.js";
import { nativeContextLookup } from "../../config/native-body.js";
import { formatSource } from "../../hcl/format.js";
import { parseConfigFile } from "../../hcl/index.js";
import { sourceFile } from "../../hcl/source.js";
import type { CliContext, Command } from "../command.js";
import { columnsOf, renderDiagnostic, setContextLookup, sortDiagnostics } from "../render-diagnostics.js";

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

/**
 * fmt prints diagnostics through Terraform's older UI layer, which ends each message with one more newline
 * (and, in colour, wraps it in red) than the views that validate and plan use.
 */
function showDiagnostics(ctx: CliContext, diags: readonly Diagnostic[]): void {
  const width = columnsOf(ctx.stderr as { isTTY?: boolean; columns?: number });
  for (const d of sortDiagnostics(diags)) {
    const text = renderDiagnostic(d, { color: ctx.color, width });
    ctx.stderr.write(ctx.color ? `\x1b[31m${text}\x1b[0m\x1b[0m\n` : text + "\n");
  }
}

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

/** `diff -u --label=old/NAME --label=new/NAME` output, which is what Terraform shells out for. */
function unifiedDiff(before: string, after: string, name: string): string {
  const patch = structuredPatch(`old/${name}`, `new/${name}`, before, after, undefined, undefined, { context: 3 });
  let text = `--- old/${name}\n+++ new/${name}\n`;
  const range = (start: number, count: number) => {
    // GNU diff names an empty range by the line before it, and leaves out a count of one.
    if (count === 0) return `${start === 0 ? 0 : start - 1},0`;
    return count === 1 ? `${start}` : `${start},${count}`;
  };
  for (const h of patch.hunks) {
    text += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    for (const line of h.lines) text += line + "\n";
  }
  return text;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
