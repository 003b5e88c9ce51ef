// The built-in provider: `terraform.io/builtin/terraform`, resource `terraform_data`.
import { builtInTerraformProvider } from "../../src/addrs/index.js";
import type { ProviderRegistry } from "../../src/provider/registry.js";
import { TerraformProvider } from "./provider.js";

export { TerraformProvider } from "./provider.js";
export { terraformDataSchema, generateUuid } from "./resource-data.js";

export const terraformProviderFactory = (): TerraformProvider => new TerraformProvider();

/** Registers the built-in provider in `registry`. */
export function registerTerraformProvider(registry: ProviderRegistry): ProviderRegistry {
  return registry.register(builtInTerraformProvider, terraformProviderFactory);
}
