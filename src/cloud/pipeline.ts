// The pipeline every call runs: authenticate → validate input → authorize (IAM evaluation) → action → durable
// commit → audit record. A mutating action, its writes and its audit record are ONE transaction; a read call's
// only write is its audit record. Errors are values: every AwsError (and any bug) becomes a CallResult.
import { AwsError, type CallRequest, type CallResult, type ServiceName } from "./api.js";
import { AuditTrail } from "./audit.js";
import { authenticate } from "./authenticate.js";
import { anonymousCaller, type Caller } from "./caller.js";
import type { Clock } from "./clock.js";
import { requestId as newRequestId } from "./ids.js";
import { type AuthzRequest, denialMessage, evaluate } from "./iam/authz.js";
import type { IamModel } from "./iam/model.js";
import type { ActionContext, ActionSpec, BoundService, ConditionContext, Output } from "./service.js";
import type { Db } from "./store/db.js";
import { validateInput } from "./validate.js";

/** How often (per process and key) "last used" is written: AWS itself reports it coarsely. */
const LAST_USED_EVERY_MS = 60_000;

/** What a call learned before it failed: the audit record names the caller when there was one. */
interface Seen {
  caller?: Caller;
}

export class Pipeline {
  private readonly lastUsedWritten = new Map<string, number>();

  /**
   * A mutating call runs whole in one IMMEDIATE transaction (the wrapper is made once: it is not free): reading
   * IAM's generation there costs a page lookup instead of a read transaction of its own, and the caller, the
   * decision, the action's writes and the audit record all see the same snapshot.
   */
  private readonly inTransaction: (req: CallRequest, bound: BoundService, action: ActionSpec<unknown>, requestId: string, nowMs: number, seen: Seen) => Output;

  constructor(
    private readonly db: Db,
    private readonly accountId: string,
    private readonly clock: Clock,
    private readonly iam: IamModel,
    private readonly services: ReadonlyMap<ServiceName, BoundService>,
    readonly audit: AuditTrail,
  ) {
    this.inTransaction = db.transaction((req: CallRequest, bound: BoundService, action: ActionSpec<unknown>, requestId: string, nowMs: number, seen: Seen): Output => {
      const out = this.run(req, bound, action, requestId, nowMs, seen);
      this.record(req, requestId, nowMs, seen.caller, undefined);
      return out;
    }).immediate;
  }

  call(req: CallRequest): CallResult {
    const requestId = newRequestId();
    const nowMs = this.clock.nowMs();
    const seen: Seen = {};
    try {
      const bound = this.services.get(req.service);
      const action = bound && Object.hasOwn(bound.spec.actions, req.action) ? bound.spec.actions[req.action] : undefined;
      let output: Output;
      if (bound && action?.mutating) {
        output = this.inTransaction(req, bound, action, requestId, nowMs, seen);
      } else {
        output = this.run(req, bound, action, requestId, nowMs, seen);
        this.record(req, requestId, nowMs, seen.caller, undefined);
      }
      this.noteKeyUsed(seen.caller!, req, nowMs);
      return { ok: true, requestId, output };
    } catch (e) {
      const error =
        e instanceof AwsError
          ? e
          : new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, "Receiver");
      if (!(e instanceof AwsError) && process.env.TFSIM_DEBUG) console.error(e);
      this.record(req, requestId, nowMs, seen.caller, error);
      return {
        ok: false,
        requestId,
        error: {
          code: error.code,
          message: error.message,
          httpStatus: error.httpStatus,
          type: error.type,
          ...(error.extra ? { extra: error.extra } : {}),
          ...(error.headers ? { headers: error.headers } : {}),
        },
      };
    }
  }

  /** authenticate → dispatch → validate → authorize → action; the caller, once known, goes into `seen`. */
  private run(req: CallRequest, bound: BoundService | undefined, action: ActionSpec<unknown> | undefined, requestId: string, nowMs: number, seen: Seen): Output {
    this.iam.refresh();
    if (req.authenticatedBy === "anonymous" && req.service !== "s3") {
      throw new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
    }
    const caller = req.authenticatedBy === "anonymous" ? anonymousCaller(this.accountId) : authenticate(this.iam, nowMs, req.credentials, req.authenticatedBy === "sigv4");
    seen.caller = caller;
    if (!bound) throw new AwsError("InvalidAction", `The ${req.service} service is not available in this simulated account.`, 400);
    if (!action) throw new AwsError("InvalidAction", `Could not find operation ${req.action} for version ${bound.spec.apiVersion}`, 400);
    validateInput(bound.spec.inputShapes[req.action], req.params);
    bound.spec.beginCall?.(bound.model);
    const ctx: ActionContext<unknown> = {
      model: bound.model,
      iam: this.iam,
      db: this.db,
      accountId: this.accountId,
      region: req.region,
      caller,
      requestId,
      nowMs,
      clock: this.clock,
      authorize: (iamAction, resource, extra, resourcePolicy) => {
        const request = this.request(ctx.caller, req, nowMs, iamAction, resource, extra, resourcePolicy);
        const decision = evaluate(request);
        if (decision.effect !== "Allow") throw bound.spec.denied(denialMessage(request, decision), request, decision);
      },
    };
    this.authorize(bound, action, ctx, req);
    return action.run(ctx, req.params);
  }

  private authorize(bound: BoundService, action: ActionSpec<unknown>, ctx: ActionContext<unknown>, req: CallRequest): void {
    if (action.iamAction === undefined) return;
    let extra = action.conditionKeys ? action.conditionKeys(ctx, req.params) : undefined;
    const tags = requestTags(req.params);
    if (tags) extra = extra ? Object.assign(tags, extra) : tags;
    const resource = action.resource ? action.resource(ctx, req.params) : "*";
    const request = this.request(ctx.caller, req, ctx.nowMs, action.iamAction, resource, extra, undefined);
    if (action.authorize) {
      action.authorize(ctx, req.params, request);
      return;
    }
    const decision = evaluate(request);
    if (decision.effect !== "Allow") throw bound.spec.denied(denialMessage(request, decision), request, decision);
  }

  /** The authorization request for one IAM action of this call, with the caller's policies and AWS's global keys. */
  private request(
    caller: Caller,
    req: CallRequest,
    nowMs: number,
    iamAction: string,
    resource: string,
    extra: ConditionContext | undefined,
    resourcePolicy: AuthzRequest["resourcePolicy"] | undefined,
  ): AuthzRequest {
    const identity = this.iam.identityContext(caller);
    const context = conditionContext(caller, req, nowMs);
    if (extra) Object.assign(context, extra);
    return {
      principal: caller.principal,
      action: iamAction,
      resource,
      resourceAccountId: this.accountId,
      context,
      identityPolicies: identity.identityPolicies,
      ...(identity.permissionsBoundary ? { permissionsBoundary: identity.permissionsBoundary } : {}),
      ...(caller.session && (caller.session.policy || caller.session.policyArns) ? { sessionPolicies: this.iam.sessionPolicies(caller) } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
    };
  }

  private record(req: CallRequest, requestId: string, nowMs: number, caller: Caller | undefined, error: AwsError | undefined): void {
    try {
      this.audit.record({
        time: new Date(nowMs),
        requestId,
        ...(caller ? { principalArn: caller.arn } : {}),
        ...(req.credentials?.accessKeyId ? { accessKeyId: req.credentials.accessKeyId } : {}),
        region: req.region,
        service: req.service,
        action: req.action,
        params: req.params,
        ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
        ...(req.sourceIp ? { sourceIp: req.sourceIp } : {}),
      });
    } catch (e) {
      // Inside a mutating transaction the failure must abort the call; outside, a lost audit line is reported.
      if (this.db.inTransaction) throw e;
      if (process.env.TFSIM_DEBUG) console.error(e);
    }
  }

  private noteKeyUsed(caller: Caller, req: CallRequest, nowMs: number): void {
    if (caller.session || caller.kind === "anonymous") return;
    const last = this.lastUsedWritten.get(caller.accessKeyId);
    if (last !== undefined && nowMs - last < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(caller.accessKeyId, nowMs);
    this.iam
      .q("UPDATE access_keys SET last_used = ?, last_used_service = ?, last_used_region = ? WHERE id = ?")
      .run(nowMs, req.service, req.region, caller.accessKeyId);
  }
}

/** aws:RequestTag/KEY and aws:TagKeys for the calls that carry tags as IAM and STS do (Tags: [{Key, Value}]). */
function requestTags(params: Record<string, unknown>): ConditionContext | undefined {
  const tags = params.Tags;
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  const out: ConditionContext = {};
  const keys: string[] = [];
  for (const t of tags as { Key?: unknown; Value?: unknown }[]) {
    if (typeof t?.Key !== "string") continue;
    keys.push(t.Key);
    out["aws:RequestTag/" + t.Key] = typeof t.Value === "string" ? t.Value : "";
  }
  out["aws:TagKeys"] = keys;
  return out;
}

/** AWS's global condition keys for this request. */
function conditionContext(caller: Caller, req: CallRequest, nowMs: number): ConditionContext {
  const p = caller.principal;
  const context: ConditionContext = {
    "aws:PrincipalArn": caller.kind === "assumed-role" ? `arn:aws:iam::${caller.accountId}:role/${caller.roleName}` : caller.arn,
    "aws:PrincipalAccount": caller.accountId,
    "aws:PrincipalType": caller.kind === "root" ? "Account" : caller.kind === "user" ? "User" : caller.kind === "anonymous" ? "Anonymous" : "AssumedRole",
    "aws:userid": caller.userId,
    "aws:RequestedRegion": req.region,
    "aws:CurrentTime": new Date(nowMs),
    "aws:EpochTime": Math.floor(nowMs / 1000),
    "aws:SecureTransport": req.secureTransport ?? false,
    "aws:ViaAWSService": false,
  };
  if (caller.userName !== undefined) context["aws:username"] = caller.userName;
  if (req.sourceIp) context["aws:SourceIp"] = req.sourceIp;
  if (req.userAgent) context["aws:UserAgent"] = req.userAgent;
  if (caller.session) {
    context["aws:TokenIssueTime"] = new Date(caller.session.issuedMs);
    context["aws:MultiFactorAuthPresent"] = false;
  }
  for (const k in p.tags) context["aws:PrincipalTag/" + k] = p.tags[k];
  return context;
}
