// The policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy): the same evaluator as every real call,
// run over the actions and resources asked for, answering AWS's EvaluationResults.
import { iamArn } from "../ids.js";
import type { ActionContext, ActionSpec, ConditionContext, Params } from "../service.js";
import { type AuthzPrincipal, type AuthzRequest, type Decision, evaluate, type PolicyDocument } from "./authz.js";
import { optStr, paginate, str } from "./common.js";
import { invalidInput } from "./errors.js";
import type { EntityKind, IamModel, NamedPolicy } from "./model.js";
import { tagMap } from "./model.js";

type Ctx = ActionContext<IamModel>;

interface ContextEntry {
  ContextKeyName?: string;
  ContextKeyValues?: string[];
  ContextKeyType?: string;
}

function contextFrom(entries: ContextEntry[] | undefined): ConditionContext {
  const out: ConditionContext = {};
  for (const e of entries ?? []) {
    if (!e.ContextKeyName) continue;
    const values = e.ContextKeyValues ?? [];
    const type = e.ContextKeyType ?? "string";
    if (type.endsWith("List")) out[e.ContextKeyName] = values;
    else if (type === "numeric") out[e.ContextKeyName] = Number(values[0]);
    else if (type === "boolean") out[e.ContextKeyName] = values[0]?.toLowerCase() === "true";
    else if (type === "date") out[e.ContextKeyName] = new Date(values[0] ?? "");
    else out[e.ContextKeyName] = values[0];
  }
  return out;
}

function inputPolicies(ctx: Ctx, list: unknown, prefix: string, kind: "identity" | "boundary"): NamedPolicy[] {
  return ((list as string[] | undefined) ?? []).map((json, i) => ({ name: `${prefix}.${i + 1}`, policy: ctx.iam.validatePolicy(json, kind) }));
}

/** AWS's PolicySourceType for the statement that decided. */
function sourceType(name: string, arn: string | undefined, inline: ReadonlyMap<string, string>): string {
  if (arn) return arn.startsWith("arn:aws:iam::aws:policy/") ? "aws-managed" : "user-managed";
  if (name === "ResourcePolicy") return "resource";
  return inline.get(name) ?? "none";
}

function simulate(
  ctx: Ctx,
  p: Params,
  principal: AuthzPrincipal,
  identity: NamedPolicy[],
  boundary: NamedPolicy | undefined,
  inlineTypes: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const resourcePolicyJson = optStr(p, "ResourcePolicy");
  const resourcePolicy: { name: string; policy: PolicyDocument } | undefined =
    resourcePolicyJson !== undefined ? { name: "ResourcePolicy", policy: ctx.iam.validatePolicy(resourcePolicyJson, "resource") } : undefined;
  const context = contextFrom(p.ContextEntries as ContextEntry[] | undefined);
  const actions = p.ActionNames as string[];
  const resources = (p.ResourceArns as string[] | undefined) ?? ["*"];
  const results: Record<string, unknown>[] = [];
  for (const action of actions) {
    for (const resource of resources) {
      const req: AuthzRequest = {
        principal,
        action,
        resource,
        context,
        identityPolicies: identity,
        ...(resourcePolicy ? { resourcePolicy } : {}),
        ...(boundary ? { permissionsBoundary: boundary } : {}),
      };
      const d: Decision = evaluate(req);
      const matched = d.decidingStatement
        ? [{ SourcePolicyId: d.decidingStatement.policyName, SourcePolicyType: sourceType(d.decidingStatement.policyName, d.decidingPolicyArn, inlineTypes) }]
        : [];
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: d.effect === "Allow" ? "allowed" : d.reason === "explicit-deny" ? "explicitDeny" : "implicitDeny",
        MatchedStatements: matched,
        MissingContextValues: [],
        ...(boundary ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: d.deniedBy !== "permissions boundary" } } : {}),
      });
    }
  }
  return paginate(results, p, "EvaluationResults");
}

const SOURCE = /^arn:aws:iam::(\d{12}):(user|group|role)\/(?:.*\/)?([^/]+)$/;

export const simulateActions: Record<string, ActionSpec<IamModel>> = {
  SimulatePrincipalPolicy: {
    iamAction: "iam:SimulatePrincipalPolicy",
    mutating: false,
    resource: (_ctx, p) => str(p, "PolicySourceArn"),
    run(ctx, p) {
      const source = str(p, "PolicySourceArn");
      const m = SOURCE.exec(source);
      if (!m || m[1] !== ctx.accountId) throw invalidInput(`Invalid Entity Arn: ${source} does not clearly define entity type and name.`);
      const kind = m[2] as EntityKind;
      const name = m[3]!;
      const row =
        kind === "user" ? ctx.iam.userByName(name) : kind === "role" ? ctx.iam.roleByName(name) : ctx.iam.groupByName(name);
      if (!row || row.arn !== source) throw invalidInput(`Invalid Entity Arn: ${source} does not clearly define entity type and name.`);
      const identity = [...ctx.iam.policiesOf(kind, row.id), ...inputPolicies(ctx, p.PolicyInputList, "PolicyInputList", "identity")];
      const inputBoundary = inputPolicies(ctx, p.PermissionsBoundaryPolicyInputList, "PermissionsBoundaryPolicyInputList", "boundary")[0];
      const boundary = inputBoundary ?? ctx.iam.boundaryOf(kind, row.id);
      const inline = new Map<string, string>();
      for (const r of ctx.iam.q("SELECT name FROM inline_policies WHERE entity_id = ?").all(row.id) as { name: string }[]) inline.set(r.name, kind);
      const tags = "tags" in row && typeof row.tags === "string" ? tagMap(row.tags) : {};
      const principal: AuthzPrincipal = {
        type: kind === "role" ? "assumed-role" : "user",
        arn: optStr(p, "CallerArn") ?? row.arn,
        accountId: ctx.accountId,
        userId: row.id,
        ...(kind === "user" ? { username: name } : {}),
        ...(kind === "role" ? { roleName: name } : {}),
        tags,
      };
      return simulate(ctx, p, principal, identity, boundary, inline);
    },
  },
  SimulateCustomPolicy: {
    iamAction: "iam:SimulateCustomPolicy",
    mutating: false,
    run(ctx, p) {
      const identity = inputPolicies(ctx, p.PolicyInputList, "PolicyInputList", "identity");
      const boundary = inputPolicies(ctx, p.PermissionsBoundaryPolicyInputList, "PermissionsBoundaryPolicyInputList", "boundary")[0];
      const caller = optStr(p, "CallerArn");
      const principal: AuthzPrincipal = {
        type: "user",
        arn: caller ?? iamArn(ctx.accountId, "user", "/", "SimulatedUser"),
        accountId: ctx.accountId,
        userId: "AIDASIMULATEDUSER0000",
        username: caller ? caller.slice(caller.lastIndexOf("/") + 1) : "SimulatedUser",
        tags: {},
      };
      return simulate(ctx, p, principal, identity, boundary, new Map());
    },
  },
};
