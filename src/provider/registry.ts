// The providers tfsim knows, by source address. Configurations name a provider by its local name in
// required_providers (`aws = { source = "hashicorp/aws" }`), or not at all, in which case a resource type's
// prefix (`aws_instance` → `aws`) implies hashicorp/aws, and `terraform` is the built-in provider.
import { Diagnostics, error } from "../diag/diagnostic.js";
import { Resource, impliedProvider, parseProviderSource, type Provider as ProviderAddr } from "../addrs/index.js";
import type { Provider } from "./provider.js";
import { registerTerraformProvider } from "../../providers/terraform_data/index.js";
import { registerAwsProvider } from "../../providers/aws/index.js";

export type ProviderFactory = () => Provider;

/** required_providers of one module: local name → source string. */
export type RequiredProviders = Readonly<Record<string, { readonly source?: string }>>;

export class ProviderRegistry {
  private readonly factories = new Map<string, ProviderFactory>();

  register(addr: ProviderAddr, factory: ProviderFactory): this {
    this.factories.set(addr.key(), factory);
    return this;
  }

  has(addr: ProviderAddr): boolean {
    return this.factories.has(addr.key());
  }

  /** A new instance of the provider at `addr`, or Terraform's error when tfsim has no such provider. */
  instantiate(addr: ProviderAddr): { provider?: Provider; diagnostics: Diagnostics } {
    const f = this.factories.get(addr.key());
    if (f) return { provider: f(), diagnostics: new Diagnostics() };
    return {
      diagnostics: new Diagnostics([
        error(
          "Failed to query available provider packages",
          `Could not retrieve the list of available versions for provider ${addr.forDisplay()}: provider registry ${addr.hostname} does not have a provider named ${addr.toString()}\n\ntfsim includes only its built-in providers: ${[...this.factories.keys()].sort().join(", ")}.`,
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
  return registerAwsProvider(registerTerraformProvider(new ProviderRegistry()));
}
