// Reads one module directory as Terraform does (configs.Parser.LoadConfigDir): every .tf and .tf.json file,
// in name order, skipping editor droppings; *_override files are kept apart. Each file is parsed into a
// Body, its context lookup registered for diagnostics, then the structural rules build the typed Config.
import { Buffer } from "node:buffer";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { setContextLookup } from "../cli/render-diagnostics.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { parseConfigFile } from "../hcl/index.js";
import { sourceFile, type SourceFile } from "../hcl/source.js";
import { withoutRequired, type Body } from "./body.js";
import { parseJsonConfigBody } from "./json-body.js";
import type { Config } from "./model.js";
import { nativeBody, nativeContextLookup } from "./native-body.js";
import { buildConfig, decodeFile, type FileDecls } from "./structure.js";

export interface LoadedFile {
  readonly file: SourceFile;
  readonly body: Body;
  /** `override.tf`, `*_override.tf` (and .tf.json): merged over the primary files. */
  readonly override: boolean;
}

/** Terraform's rule for files it does not read: hidden files and editor backups/locks. */
function ignored(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

function isOverride(name: string): boolean {
  const base = name.endsWith(".tf.json") ? name.slice(0, -".tf.json".length) : name.slice(0, -".tf".length);
  return base === "override" || base.endsWith("_override");
}

/** Decodes bytes as UTF-8; bytes that are not become U+FFFD, which the lexer reports as invalid encoding. */
function decodeText(bytes: Uint8Array): string {
  let text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** The names of a directory's configuration files, sorted as Go's ReadDir sorts them (by bytes). */
export function configFileNames(dir: string): string[] {
  const names: string[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const name = ent.name;
    if (!(name.endsWith(".tf") || name.endsWith(".tf.json")) || ignored(name)) continue;
    if (ent.isDirectory() || (ent.isSymbolicLink() && statSync(join(dir, name)).isDirectory())) continue;
    names.push(name);
  }
  return names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Parses one file's text (native syntax, or JSON when the name ends in .json). */
export function parseFile(name: string, text: string): { loaded: LoadedFile; diagnostics: Diagnostic[] } {
  const file = sourceFile(name, text);
  const override = isOverride(name.slice(name.lastIndexOf("/") + 1));
  if (name.endsWith(".json")) {
    const r = parseJsonConfigBody(file);
    setContextLookup(file, r.contextLookup);
    return { loaded: { file, body: r.body, override }, diagnostics: r.diagnostics };
  }
  const r = parseConfigFile(file);
  setContextLookup(file, nativeContextLookup(r.body));
  return { loaded: { file, body: nativeBody(r.body), override }, diagnostics: [...r.diagnostics] };
}

/**
 * Reads and parses every configuration file in `dir`. File names in diagnostics are `displayDir` joined with
 * the file's name (`main.tf`, or `../other/main.tf` when a directory was given), as Terraform prints them.
 */
export function loadDir(dir: string, displayDir = "."): { files: LoadedFile[]; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const files: LoadedFile[] = [];
  let names: string[];
  try {
    names = configFileNames(dir);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    diags.push(error("Failed to read module directory", `Module directory ${displayDir} does not exist or cannot be read.\n\n${msg}`));
    return { files, diagnostics: diags };
  }
  for (const name of names) {
    const shown = displayDir === "." ? name : join(displayDir, name);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(dir, name));
    } catch (e) {
      diags.push(error("Failed to read file", `The configuration file "${shown}" could not be read.`));
      continue;
    }
    const r = parseFile(shown, decodeText(bytes));
    diags.push(...r.diagnostics);
    files.push(r.loaded);
  }
  return { files, diagnostics: diags };
}

/** Loads a module directory into a typed Config, with every syntax and structure diagnostic. */
export function loadConfig(dir: string, displayDir = "."): { config: Config; files: LoadedFile[]; diagnostics: Diagnostic[] } {
  const { files, diagnostics } = loadDir(dir, displayDir);
  const decls: FileDecls[] = [];
  for (const f of files) {
    // Override files are merged over the primary files later; their own structure is still checked.
    const r = decodeFile(f.override ? withoutRequired(f.body) : f.body);
    diagnostics.push(...r.diagnostics);
    if (!f.override) decls.push(r.decls);
  }
  const built = buildConfig(decls);
  diagnostics.push(...built.diagnostics);
  return { config: built.config, files, diagnostics };
}
