// Child module configurations from local paths (Terraform's "./" and "../" sources), as `init` installs them:
// the manifest .terraform/modules/modules.json maps each module key ("app", "app.db") to its directory, and a
// call whose key is missing there is Terraform's "Module not installed". Registry and git sources need a
// network, which tfsim never uses, so they are refused with a clear error.
import { literalString } from "../config/expression-ast.js";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Config, ModuleCall } from "../config/model.js";
import { loadConfig } from "../config/load.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { range, type Range } from "../hcl/source.js";

export interface ModuleManifestEntry {
  readonly Key: string;
  readonly Source: string;
  readonly Dir: string;
}

export interface LoadedModule {
  readonly config: Config;
  /** Absolute directory. */
  readonly dir: string;
  /** Relative to the root module's directory, as path.module shows it ("modules/app"). */
  readonly relDir: string;
}

/** The literal `source` of a call, or a diagnostic when it is missing or not a local path. */
export function localSource(call: ModuleCall): string | Diagnostic {
  const s = literalString(call.source);
  if (s === undefined) return error("Missing required argument", 'The argument "source" is required, but no definition was found.', call.declRange);
  if (!s.startsWith("./") && !s.startsWith("../"))
    return error("Unsupported module source", `Module "${call.name}" has source ${JSON.stringify(s)}: tfsim installs only local modules ("./" or "../" paths); registry, git and other remote sources would need a network.`, call.source?.range ?? call.declRange);
  return s;
}

/** Every module call of a configuration tree, depth first in call-name order, with its directory. */
export function walkModuleCalls(rootDir: string, config: Config): { entries: ModuleManifestEntry[]; configs: Config[]; diagnostics: Diagnostic[] } {
  const entries: ModuleManifestEntry[] = [{ Key: "", Source: "", Dir: "." }];
  const configs: Config[] = [config];
  const diagnostics: Diagnostic[] = [];
  const visit = (cfg: Config, dir: string, prefix: string, depth: number): void => {
    for (const name of [...cfg.modules.keys()].sort()) {
      const call = cfg.modules.get(name)!;
      const src = localSource(call);
      if (typeof src !== "string") {
        diagnostics.push(src);
        continue;
      }
      const childDir = resolve(dir, src);
      const key = prefix ? `${prefix}.${name}` : name;
      if (depth > 50) {
        diagnostics.push(error("Module recursion", `Module "${key}" calls itself through its sources.`, call.declRange));
        continue;
      }
      const loaded = loadConfig(childDir, relative(rootDir, childDir) || ".");
      diagnostics.push(...loaded.diagnostics);
      entries.push({ Key: key, Source: src, Dir: relative(rootDir, childDir) || "." });
      configs.push(loaded.config);
      visit(loaded.config, childDir, key, depth + 1);
    }
  };
  visit(config, rootDir, "", 0);
  return { entries, configs, diagnostics };
}

/** Loads child modules for plan and apply, checking the manifest written by init. */
export class ModuleLoader {
  private manifest: Map<string, ModuleManifestEntry> | undefined;
  private readonly byDir = new Map<string, { config: Config; diagnostics: Diagnostic[] }>();

  constructor(readonly rootDir: string) {}

  private entries(): Map<string, ModuleManifestEntry> {
    if (!this.manifest) {
      this.manifest = new Map();
      const p = join(this.rootDir, ".terraform", "modules", "modules.json");
      if (existsSync(p)) {
        try {
          const j = JSON.parse(readFileSync(p, "utf8")) as { Modules?: ModuleManifestEntry[] };
          for (const e of j.Modules ?? []) this.manifest.set(e.Key, e);
        } catch {
          // An unreadable manifest is as good as none: every call reports "Module not installed".
        }
      }
    }
    return this.manifest;
  }

  /** The module of call `key` ("app.db"), or diagnostics. */
  load(key: string, call: ModuleCall): LoadedModule | Diagnostic[] {
    const src = localSource(call);
    if (typeof src !== "string") return [src];
    const e = this.entries().get(key);
    if (!e || e.Source !== src)
      return [error("Module not installed", 'This module is not yet installed. Run "tfsim init" to install all modules required by this configuration.', call.declRange)];
    const dir = resolve(this.rootDir, e.Dir);
    let c = this.byDir.get(dir);
    if (!c) {
      const l = loadConfig(dir, e.Dir);
      this.byDir.set(dir, (c = { config: l.config, diagnostics: l.diagnostics }));
      if (l.diagnostics.some((d) => d.severity === "error")) return l.diagnostics;
    } else if (c.diagnostics.some((d) => d.severity === "error")) return [];
    return { config: c.config, dir, relDir: e.Dir };
  }
}

/**
 * The checks Terraform makes while loading the configuration, before any refresh: every call installed, and
 * its arguments exactly the child's variables (Unsupported argument / Missing required argument).
 */
export function checkModuleTree(rootDir: string, config: Config): Diagnostic[] {
  const loader = new ModuleLoader(rootDir);
  const out: Diagnostic[] = [];
  const visit = (cfg: Config, prefix: string): void => {
    for (const [name, call] of cfg.modules) {
      const key = prefix ? `${prefix}.${name}` : name;
      const l = loader.load(key, call);
      if (Array.isArray(l)) {
        out.push(...l);
        continue;
      }
      const attrs = call.config.justAttributes().attributes;
      for (const [n, a] of attrs) if (!l.config.variables.has(n)) out.push(error("Unsupported argument", `An argument named "${n}" is not expected here.`, a.nameRange));
      for (const [n, v] of l.config.variables) if (!attrs.has(n) && !v.default) out.push(error("Missing required argument", `The argument "${n}" is required, but no definition was found.`, openBrace(call.declRange)));
      for (const imp of l.config.imports) out.push(error("Invalid import configuration", `An import block was detected in "module.${key.split(".").join(".module.")}". Import blocks are only allowed in the root module.`, imp.declRange));
      visit(l.config, key);
    }
  };
  visit(config, "");
  return out;
}

/** HCL's MissingItemRange of a block body: its opening brace, just after the header. */
function openBrace(header: Range): Range {
  const at = header.file.text.indexOf("{", header.end);
  return at < 0 ? header : range(header.file, at, at + 1);
}
