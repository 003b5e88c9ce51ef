// A provider's source address: hostname/namespace/type, e.g. registry.terraform.io/hashicorp/aws.
// Terraform's built-in provider is terraform.io/builtin/terraform.
import { Diagnostics, error } from "../diag/diagnostic.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";

export const DEFAULT_REGISTRY_HOST = "registry.terraform.io";
export const BUILTIN_HOST = "terraform.io";

export class Provider {
  constructor(
    readonly hostname: string,
    readonly namespace: string,
    readonly type: string,
  ) {}

  /** The form Terraform prints and stores: `registry.terraform.io/hashicorp/aws`. */
  toString(): string {
    return `${this.hostname}/${this.namespace}/${this.type}`;
  }

  key(): string {
    return this.toString();
  }

  /** Shorter form for messages: `hashicorp/aws` on the default registry. */
  forDisplay(): string {
    return this.hostname === DEFAULT_REGISTRY_HOST ? `${this.namespace}/${this.type}` : this.toString();
  }

  isBuiltIn(): boolean {
    return this.hostname === BUILTIN_HOST && this.namespace === "builtin";
  }

  equals(other: Provider): boolean {
    return this.key() === other.key();
  }
}

export const builtInTerraformProvider = new Provider(BUILTIN_HOST, "builtin", "terraform");

/**
 * The provider a local name means when required_providers does not say: `terraform` is the built-in one,
 * anything else is hashicorp/NAME on the public registry (Terraform's ImpliedProviderForUnqualifiedType).
 */
export function impliedProvider(localName: string): Provider {
  if (localName === "terraform") return builtInTerraformProvider;
  return new Provider(DEFAULT_REGISTRY_HOST, "hashicorp", localName);
}

const partRe = /^[a-z0-9][a-z0-9-]*$/i;

/** Parses a required_providers `source`: `aws`, `hashicorp/aws` or `registry.terraform.io/hashicorp/aws`. */
export function parseProviderSource(text: string): ParseResult<Provider> {
  const parts = text.split("/");
  const bad = (detail: string) =>
    failed<Provider>(new Diagnostics([error("Invalid provider source string", `The "source" attribute must be in the format "[hostname/][namespace/]name": ${detail}`)]));
  if (parts.length > 3 || parts.some((p) => p === "")) return bad(`"${text}" has the wrong number of parts.`);
  const type = parts[parts.length - 1]!;
  const namespace = parts.length >= 2 ? parts[parts.length - 2]! : "hashicorp";
  const hostname = parts.length === 3 ? parts[0]!.toLowerCase() : DEFAULT_REGISTRY_HOST;
  for (const p of [namespace, type]) {
    if (!partRe.test(p)) return bad(`"${p}" is not a valid name; use letters, digits and dashes.`);
  }
  if (parts.length === 1 && type === "terraform") return parsed(builtInTerraformProvider);
  return parsed(new Provider(hostname, namespace.toLowerCase(), type.toLowerCase()));
}
