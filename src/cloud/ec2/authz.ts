// Resource-level authorization for calls on existing resources: AWS authorizes each named resource on its own
// ARN, with its tags as ec2:ResourceTag/KEY and aws:ResourceTag/KEY, so a policy can allow stopping only the
// instances tagged env=dev.
import type { ActionContext, ConditionContext, Params } from "../service.js";
import type { AuthzRequest } from "../iam/authz.js";
import type { Ec2Model, Kind, Resource } from "./model.js";
import { arn } from "./vpcs.js";

type Ctx = ActionContext<Ec2Model>;

export function resourceTagKeys(res: Resource | undefined): ConditionContext {
  const out: ConditionContext = {};
  for (const t of res?.tags ?? []) {
    out["ec2:ResourceTag/" + t.Key] = t.Value;
    out["aws:ResourceTag/" + t.Key] = t.Value;
  }
  return out;
}

/** An `authorize` for ActionSpec: the action on each resource the call names (or on kind/* when it names none). */
export function eachResource(kind: Kind, arnKind: string, ids: (p: Params) => string[]) {
  return (ctx: Ctx, p: Params, request: AuthzRequest): void => {
    const named = ids(p);
    if (named.length === 0) {
      ctx.authorize(request.action, arn(ctx, arnKind, "*"), request.context);
      return;
    }
    for (const id of named) {
      const res = ctx.model.get<Resource>(ctx.region, kind, id);
      ctx.authorize(request.action, arn(ctx, arnKind, id), { ...request.context, ...resourceTagKeys(res) });
    }
  };
}
