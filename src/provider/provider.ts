// The provider plugin interface (Terraform's providers.Interface): the engine knows nothing about any cloud;
// a provider knows nothing about the graph. Every value crossing this boundary is a src/lang Value of the
// schema's implied object type: null for "no object" (create's prior state, destroy's planned state), with
// unknowns where a value will only be known after apply. As in Terraform, values reach a provider without
// marks: the engine strips them (sensitive) before each call and re-applies them to what comes back. Errors are Diagnostics; a provider reports where in
// the object a problem is with `attributePath` (see attribute-path.ts) and the engine maps it to config.
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Value } from "../lang/value.js";
import type { AttributePath } from "./attribute-path.js";
import type { ProviderSchema } from "./schema.js";

export interface ConfigureRequest {
  /** The provider block's configuration (object of the provider schema's type). */
  readonly config: Value;
  readonly terraformVersion: string;
}

export interface ValidateResourceConfigRequest {
  readonly typeName: string;
  readonly config: Value;
}

export interface UpgradeResourceStateRequest {
  readonly typeName: string;
  /** The schema_version the state was written with. */
  readonly version: number;
  /** The stored attributes, as JSON (their shape may predate the current schema). */
  readonly rawState: Readonly<Record<string, unknown>>;
}

export interface UpgradeResourceStateResponse {
  /** The state in the current schema's type; undefined on error. */
  readonly upgradedState?: Value;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadResourceRequest {
  readonly typeName: string;
  readonly priorState: Value;
  readonly private?: string;
}

export interface ReadResourceResponse {
  /** The object as it is now; null when it no longer exists ("gone": the engine drops it from state). */
  readonly newState: Value;
  readonly private?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface PlanResourceChangeRequest {
  readonly typeName: string;
  /** null on create. */
  readonly priorState: Value;
  /** Config merged with prior computed values (objchange.ProposedNew); null on destroy. */
  readonly proposedNewState: Value;
  /** The configuration as written (null on destroy). */
  readonly config: Value;
  readonly priorPrivate?: string;
}

export interface PlanResourceChangeResponse {
  /** The planned object, with unknowns for values known only after apply. */
  readonly plannedState: Value;
  /** Changed paths that cannot be updated in place: their change means replace. */
  readonly requiresReplace: readonly AttributePath[];
  readonly plannedPrivate?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ApplyResourceChangeRequest {
  readonly typeName: string;
  readonly priorState: Value;
  /** null means destroy. */
  readonly plannedState: Value;
  readonly config: Value;
  readonly plannedPrivate?: string;
}

export interface ApplyResourceChangeResponse {
  /** The object now (wholly known); null after a destroy. On error: what exists, if anything. */
  readonly newState: Value;
  readonly private?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ImportResourceStateRequest {
  readonly typeName: string;
  /** The user's import id (`tfsim import ADDR ID`). */
  readonly id: string;
}

export interface ImportedResource {
  readonly typeName: string;
  readonly state: Value;
  readonly private?: string;
}

export interface ImportResourceStateResponse {
  readonly importedResources: readonly ImportedResource[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadDataSourceRequest {
  readonly typeName: string;
  readonly config: Value;
}

export interface ReadDataSourceResponse {
  readonly state: Value;
  readonly diagnostics: readonly Diagnostic[];
}

export interface Provider {
  getSchema(): ProviderSchema;
  validateProviderConfig(config: Value): readonly Diagnostic[];
  /** Called once before any other call that reaches the provider's backing API. */
  configure(req: ConfigureRequest): Promise<readonly Diagnostic[]>;
  validateResourceConfig(req: ValidateResourceConfigRequest): readonly Diagnostic[];
  validateDataResourceConfig(req: ValidateResourceConfigRequest): readonly Diagnostic[];
  upgradeResourceState(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse;
  readResource(req: ReadResourceRequest): Promise<ReadResourceResponse>;
  planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>;
  applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>;
  importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse>;
  readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse>;
  /** The first Ctrl-C: finish in-flight calls promptly. */
  stop?(): Promise<void>;
  close?(): Promise<void>;
}
