// The typed configuration of one module, as Terraform's configs.Module: every declaration keeps its source
// ranges and its raw expressions, which the evaluator interprets later. Nothing here is evaluated.
import type { Range } from "../hcl/source.js";
import type { Block, Body, Expression } from "./body.js";
import type { RemoveTarget } from "../addrs/remove-target.js";

/** A `condition` + `error_message` rule: variable validation, precondition, postcondition, check assert. */
export interface CheckRule {
  readonly condition?: Expression;
  readonly errorMessage?: Expression;
  readonly declRange: Range;
}

export interface Variable {
  readonly name: string;
  readonly description?: Expression;
  readonly default?: Expression;
  readonly type?: Expression;
  readonly sensitive?: Expression;
  readonly nullable?: Expression;
  readonly ephemeral?: Expression;
  readonly validations: readonly CheckRule[];
  /** The block header, `variable "name"`. */
  readonly declRange: Range;
}

export interface Local {
  readonly name: string;
  readonly expr: Expression;
  /** The whole `name = expr` definition. */
  readonly declRange: Range;
}

export interface Output {
  readonly name: string;
  readonly value?: Expression;
  readonly description?: Expression;
  readonly sensitive?: Expression;
  readonly ephemeral?: Expression;
  readonly dependsOn?: Expression;
  readonly preconditions: readonly CheckRule[];
  readonly declRange: Range;
}

export interface ModuleCall {
  readonly name: string;
  readonly source?: Expression;
  readonly version?: Expression;
  readonly count?: Expression;
  readonly forEach?: Expression;
  readonly dependsOn?: Expression;
  readonly providers?: Expression;
  /** Everything else in the block: the child module's input variables. */
  readonly config: Body;
  readonly declRange: Range;
}

export interface ProviderConfig {
  /** The local name, `aws`. */
  readonly name: string;
  readonly alias?: string;
  readonly aliasRange?: Range;
  readonly version?: Expression;
  /** The provider's own arguments, checked against its schema later. */
  readonly config: Body;
  readonly declRange: Range;
}

export interface Lifecycle {
  readonly createBeforeDestroy?: Expression;
  readonly preventDestroy?: Expression;
  readonly ignoreChanges?: Expression;
  readonly replaceTriggeredBy?: Expression;
  readonly preconditions: readonly CheckRule[];
  readonly postconditions: readonly CheckRule[];
}

export interface Provisioner {
  readonly type: string;
  readonly config: Body;
  readonly connection?: Body;
  readonly when?: Expression;
  readonly onFailure?: Expression;
  readonly declRange: Range;
}

export type ResourceMode = "managed" | "data" | "ephemeral";

export interface Resource {
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly count?: Expression;
  readonly forEach?: Expression;
  readonly provider?: Expression;
  readonly dependsOn?: Expression;
  readonly lifecycle: Lifecycle;
  readonly connection?: Body;
  readonly provisioners: readonly Provisioner[];
  /** The resource's own arguments and nested blocks (provider schema), including `dynamic` blocks. */
  readonly config: Body;
  /** The block header, `resource "type" "name"`. */
  readonly declRange: Range;
  readonly typeRange: Range;
}

export interface Moved {
  readonly from?: Expression;
  readonly to?: Expression;
  readonly declRange: Range;
}

export interface Import {
  readonly to?: Expression;
  readonly id?: Expression;
  readonly provider?: Expression;
  readonly forEach?: Expression;
  readonly declRange: Range;
}

export interface Removed {
  readonly from?: Expression;
  /** What `from` names, when it is a valid address (decoded while loading, as Terraform does). */
  readonly target?: RemoveTarget;
  readonly lifecycle?: Body;
  /** lifecycle.destroy: false means forget the objects (drop them from state), true (the default) destroy them. */
  readonly destroy: boolean;
  readonly declRange: Range;
}

export interface Check {
  readonly name: string;
  readonly data: readonly Resource[];
  readonly asserts: readonly CheckRule[];
  readonly declRange: Range;
}

export interface RequiredProvider {
  readonly name: string;
  /** `{ source = ..., version = ... }` or a legacy version string; interpreted later. */
  readonly expr: Expression;
  readonly declRange: Range;
}

export interface Backend {
  readonly type: string;
  readonly config: Body;
  readonly declRange: Range;
}

export interface TerraformSettings {
  readonly requiredVersion: readonly Expression[];
  readonly requiredProviders: readonly RequiredProvider[];
  readonly backends: readonly Backend[];
  readonly cloud: readonly Block[];
  readonly experiments: readonly Expression[];
}

/** One module's configuration: the union of its files. */
export interface Config {
  readonly terraform: TerraformSettings;
  readonly providers: readonly ProviderConfig[];
  readonly variables: ReadonlyMap<string, Variable>;
  readonly locals: ReadonlyMap<string, Local>;
  readonly outputs: ReadonlyMap<string, Output>;
  readonly modules: ReadonlyMap<string, ModuleCall>;
  /** Managed resources by "type.name". */
  readonly resources: ReadonlyMap<string, Resource>;
  /** Data resources by "type.name" (addressed as data.type.name). */
  readonly data: ReadonlyMap<string, Resource>;
  readonly ephemeral: ReadonlyMap<string, Resource>;
  readonly moved: readonly Moved[];
  readonly imports: readonly Import[];
  readonly removed: readonly Removed[];
  readonly checks: ReadonlyMap<string, Check>;
}
