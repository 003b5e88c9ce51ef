// The AWS provider (hashicorp/aws), backed by tfsim's embedded cloud.
import { impliedProvider } from "../../src/addrs/index.js";
import type { ProviderRegistry } from "../../src/provider/registry.js";
import { AwsProvider } from "./provider.js";

export { AwsProvider } from "./provider.js";
export { buildPolicyDocument } from "./data-sources/iam-policy-document.js";

export const awsProviderAddr = impliedProvider("aws");

export const awsProviderFactory = (): AwsProvider => new AwsProvider();

/** Registers hashicorp/aws in `registry`. */
export function registerAwsProvider(registry: ProviderRegistry): ProviderRegistry {
  return registry.register(awsProviderAddr, awsProviderFactory);
}
