// A provider configuration in a module: `provider["registry.terraform.io/hashicorp/aws"]`, with an alias
// `provider["registry.terraform.io/hashicorp/aws"].west`, inside a module `module.a.provider["..."]`. This is
// the form the state's `provider` field holds.
import { Diagnostics, error } from "../diag/diagnostic.js";
import { ModuleInstance, parseModuleInstancePrefix } from "./module-instance.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { parseProviderSource, type Provider } from "./provider.js";
import { parseTraversal } from "./traversal.js";

export class AbsProviderConfig {
  private printed: string | undefined;

  constructor(
    /** Terraform records provider configurations by module path; instance keys are never present here. */
    readonly module: ModuleInstance,
    readonly provider: Provider,
    readonly alias?: string,
  ) {}

  toString(): string {
    if (this.printed !== undefined) return this.printed;
    let s = `provider[${JSON.stringify(this.provider.toString())}]`;
    if (this.alias !== undefined) s += `.${this.alias}`;
    if (!this.module.isRoot()) s = `${this.module.toString()}.${s}`;
    return (this.printed = s);
  }

  key(): string {
    return this.toString();
  }

  equals(other: AbsProviderConfig): boolean {
    return this.key() === other.key();
  }
}

/** Parses the state's form, as Terraform's ParseAbsProviderConfigStr. */
export function parseAbsProviderConfig(text: string): ParseResult<AbsProviderConfig> {
  const t = parseTraversal(text);
  const diagnostics = new Diagnostics(t.diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const { module, remain } = parseModuleInstancePrefix(t.steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  if (module.steps.some((s) => s.key !== undefined)) {
    diagnostics.append(error("Invalid provider configuration address", "Provider address cannot contain module indexes."));
    return failed(diagnostics);
  }
  const [kw, src, alias, ...extra] = remain;
  if (!kw || kw.kind === "index" || kw.name !== "provider") {
    diagnostics.append(error("Invalid provider configuration address", 'Provider address must begin with "provider.", followed by a provider type name.', kw?.range));
    return failed(diagnostics);
  }
  if (!src || src.kind !== "index" || typeof src.key !== "string") {
    diagnostics.append(
      error("Invalid provider configuration address", "The prefix \"provider.\" must be followed by a provider source address in brackets.", src?.range ?? kw.range),
    );
    return failed(diagnostics);
  }
  const p = parseProviderSource(src.key);
  diagnostics.append(p.diagnostics);
  if (!p.addr) return failed(diagnostics);
  if (alias !== undefined && alias.kind !== "attr") {
    diagnostics.append(error("Invalid provider configuration address", "Provider type name must be followed by a configuration alias name.", alias.range));
    return failed(diagnostics);
  }
  if (extra.length > 0) {
    diagnostics.append(error("Invalid provider configuration address", "Extraneous extra operators after provider configuration alias.", extra[0]!.range));
    return failed(diagnostics);
  }
  return parsed(new AbsProviderConfig(module, p.addr, alias?.name));
}
