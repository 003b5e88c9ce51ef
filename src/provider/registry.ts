// The providers tfsim knows, by source address. Configurations name a provider by its local name in
// required_providers (`aws = { source = "hashicorp/aws" }`), or not at all, in which case a resource type's
// prefix (`aws_instance` → `aws`) implies hashicorp/aws, and `terraform` is the built-in provider.
// A provider's modules are loaded on its first use: a configuration of terraform_data alone never loads the
// AWS provider and its embedded cloud (~40 modules, ~45 ms of every start).
import { Diagnostics, error } from "../diag/diagnostic.js";
import { Resource, builtInTerraformProvider, impliedProvider, parseProviderSource, type Provider as ProviderAddr } from "../addrs/index.js";
import type { Provider } from "./provider.js";

export type ProviderFactory = () => Provider;
/** Loads a provider's modules and hands back its factory. */
export type ProviderLoader = () => Promise<ProviderFactory>;

/** required_providers of one module: local name → source string. */
export type RequiredProviders = Readonly<Record<string, { readonly source?: string }>>;

export class ProviderRegistry {
  private readonly loaders = new Map<string, ProviderLoader>();
  /** Each provider's factory, loaded once however many instantiate it at the same time. */
  private readonly factories = new Map<string, Promise<ProviderFactory>>();

  /** Registers a provider whose modules are already loaded. */
  register(addr: ProviderAddr, factory: ProviderFactory): this {
    return this.registerLazy(addr, () => Promise.resolve(factory));
  }

  /** Registers a provider whose modules `load` imports when it is first instantiated. */
  registerLazy(addr: ProviderAddr, load: ProviderLoader): this {
    this.loaders.set(addr.key(), load);
    this.factories.delete(addr.key());
    return this;
  }

  has(addr: ProviderAddr): boolean {
    return this.loaders.has(addr.key());
  }

  /** A new instance of the provider at `addr`, or Terraform's error when tfsim has no such provider. */
  async instantiate(addr: ProviderAddr): Promise<{ provider?: Provider; diagnostics: Diagnostics }> {
    const key = addr.key();
    const load = this.loaders.get(key);
    if (load) {
      let f = this.factories.get(key);
      if (!f) this.factories.set(key, (f = load()));
      return { provider: (await f)(), diagnostics: new Diagnostics() };
    }
    return {
      diagnostics: new Diagnostics([
        error(
          "Failed to query available provider packages",
          `Could not retrieve the list of available versions for provider ${addr.forDisplay()}: provider registry ${addr.hostname} does not have a provider named ${addr.toString()}\n\ntfsim includes only its built-in providers: ${[...this.loaders.keys()].sort().join(", ")}.`,
        ),
      ]),
    };
  }

  /**
   * The provider address a local name refers to in a module: its required_providers entry when there is one,
   * otherwise the implied one (hashicorp/NAME, or the built-in provider for `terraform`).
   */
  resolveLocalName(localName: string, required: RequiredProviders = {}): { addr?: ProviderAddr; diagnostics: Diagnostics } {
    const source = required[localName]?.source;
    if (source === undefined) return { addr: impliedProvider(localName), diagnostics: new Diagnostics() };
    const p = parseProviderSource(source);
    return { ...(p.addr ? { addr: p.addr } : {}), diagnostics: p.diagnostics };
  }

  /**
   * The provider for a resource with no `provider` argument: by its type's prefix, through required_providers
   * (`terraform_data` → `terraform` → the built-in provider).
   */
  resolveForResource(resource: Resource, required: RequiredProviders = {}): { addr?: ProviderAddr; diagnostics: Diagnostics } {
    return this.resolveLocalName(resource.impliedProviderName(), required);
  }
}

/** Every provider tfsim ships: the built-in terraform provider and hashicorp/aws (backed by the embedded cloud). */
export function builtInProviders(): ProviderRegistry {
  return new ProviderRegistry()
    .registerLazy(builtInTerraformProvider, async () => (await import("../../providers/terraform_data/index.js")).terraformProviderFactory)
    .registerLazy(impliedProvider("aws"), async () => (await import("../../providers/aws/index.js")).awsProviderFactory);
}
