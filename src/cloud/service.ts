// How a service declares itself to the pipeline: its actions, each with the IAM action name it is authorized as,
// the resource ARN it acts on, its own condition keys, whether it writes, and its handler. The pipeline
// (pipeline.ts) does authentication, input validation, authorization, the transaction and the audit record;
// a handler only reads params, calls its model and returns the botocore-shaped output.
import type { AwsError, ServiceName } from "./api.js";
import type { Clock } from "./clock.js";
import type { Caller } from "./caller.js";
import type { Db } from "./store/db.js";
import { migrateService } from "./store/schema.js";
import type { InputShape } from "./validate.js";
import type { AuthzRequest, Decision } from "./iam/authz.js";
import type { IamModel } from "./iam/model.js";

export type Params = Record<string, unknown>;
export type Output = Record<string, unknown>;
/** Condition keys for one request (mutable while the pipeline builds it). */
export type ConditionContext = { -readonly [K in keyof AuthzRequest["context"]]: AuthzRequest["context"][K] };

/** What the pipeline hands to every handler. */
export interface ActionContext<M> {
  readonly model: M;
  /** The account's IAM model: every service needs it for principals and policies. */
  readonly iam: IamModel;
  readonly db: Db;
  readonly accountId: string;
  readonly region: string;
  readonly caller: Caller;
  readonly requestId: string;
  /** "Now" for this call, from the cloud's clock (fixed for the whole call). */
  readonly nowMs: number;
  readonly clock: Clock;
  /**
   * Authorizes one more IAM action of this call (AWS checks several for some calls: ec2:RunInstances on the
   * image, subnet and security groups too, iam:PassRole for an instance profile's role). Throws the service's
   * denial error, as for the call's own action.
   */
  authorize(
    iamAction: string,
    resource: string,
    context?: ConditionContext,
    resourcePolicy?: AuthzRequest["resourcePolicy"],
  ): void;
}

export interface ActionSpec<M> {
  /** The IAM action this call is authorized as, e.g. "iam:CreateUser". Omit for calls IAM never checks
   *  (sts:GetCallerIdentity needs no permission). */
  readonly iamAction?: string;
  /** Writes to the store: runs in one IMMEDIATE transaction together with its audit record. */
  readonly mutating: boolean;
  /** The ARN the action acts on ("*" when it names none). */
  resource?(ctx: ActionContext<M>, params: Params): string;
  /** The action's own condition keys (iam:PermissionsBoundary, ec2:InstanceType, ...). */
  conditionKeys?(ctx: ActionContext<M>, params: Params): ConditionContext;
  /** Replaces the default authorization (sts:AssumeRole also checks the role's trust policy). Throws AwsError. */
  authorize?(ctx: ActionContext<M>, params: Params, request: AuthzRequest): void;
  run(ctx: ActionContext<M>, params: Params): Output;
}

export interface ServiceSpec<M> {
  readonly name: ServiceName;
  /** The API version, as in botocore's model metadata (used in InvalidAction's message). */
  readonly apiVersion: string;
  readonly inputShapes: Readonly<Record<string, InputShape>>;
  readonly actions: Readonly<Record<string, ActionSpec<M>>>;
  /**
   * The error a denied call gets: AccessDenied for IAM/STS/S3, UnauthorizedOperation for EC2 (whose message
   * ends with "Encoded authorization failure message: …": see sts/authorization-message.ts).
   */
  denied(message: string, request: AuthzRequest, decision: Decision): AwsError;
  /** The service's own tables, one migration per schema version (applied once per store, in order). */
  readonly migrations?: readonly string[];
  /** Per-account model, made once when the cloud is opened (never a module singleton). */
  createModel(core: CloudCore): M;
  /** Called before each call: a model that memoizes rows for the length of one call forgets them here. */
  beginCall?(model: M): void;
}

/** A service whose model is made: what the pipeline holds, its model type erased. */
export interface BoundService {
  readonly spec: ServiceSpec<unknown>;
  readonly model: unknown;
}

/** What a service's model is made from. */
export interface CloudCore {
  readonly db: Db;
  readonly accountId: string;
  readonly iam: IamModel;
  readonly clock: Clock;
}

export function bindService<M>(spec: ServiceSpec<M>, core: CloudCore): BoundService {
  if (spec.migrations) migrateService(core.db, spec.name, spec.migrations);
  // The model and the actions come from the same spec, so erasing M here is safe.
  return { spec: spec as unknown as ServiceSpec<unknown>, model: spec.createModel(core) };
}
