// What IAM's policy simulator (SimulatePrincipalPolicy / SimulateCustomPolicy) reports for one action and
// resource, computed with the same evaluator that authorizes real calls: the decision in the simulator's
// words, every statement that matched with its position in its policy's text, the condition keys the
// policies asked for that the request did not supply, and whether the permissions boundary allowed.
import type { ContextValue } from "./types.js";
import { evaluate, Evaluation } from "./evaluate.js";
import { statementPositions, type Position } from "./positions.js";
import type { AuthzRequest, Decision, PolicyDocument, Statement } from "./types.js";

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";
export type PolicySource = "identity" | "resource" | "boundary" | "session";

export interface MatchedStatement {
  readonly policyName: string;
  readonly policyArn?: string;
  readonly source: PolicySource;
  readonly statement: Statement;
  readonly start: Position;
  readonly end: Position;
}

export interface SimulationResult {
  readonly decision: Decision;
  readonly evalDecision: EvalDecision;
  readonly matchedStatements: readonly MatchedStatement[];
  readonly missingContextValues: readonly string[];
  /** Present when the request had a permissions boundary. */
  readonly allowedByPermissionsBoundary?: boolean;
}

export function toEvalDecision(d: Decision): EvalDecision {
  return d.reason === "allowed" ? "allowed" : d.reason === "explicit-deny" ? "explicitDeny" : "implicitDeny";
}

const positionsCache = new WeakMap<PolicyDocument, { start: Position; end: Position }[]>();

export function simulate(req: AuthzRequest): SimulationResult {
  const decision = evaluate(req);
  const ev = new Evaluation(req);
  const matched: MatchedStatement[] = [];
  const missing = new Map<string, string>();
  let boundaryAllows: boolean | undefined;
  const visit = (source: PolicySource, list: readonly { readonly name: string; readonly arn?: string; readonly policy: PolicyDocument }[]) => {
    for (const p of list) {
      let positions = positionsCache.get(p.policy);
      if (!positions) positionsCache.set(p.policy, (positions = statementPositions(p.policy.source)));
      for (const st of p.policy.statements) {
        if (!ev.targets(st)) continue;
        for (const c of st.conditions) {
          const v: ContextValue = ev.ctx.get(c.lowerKey);
          if ((v === undefined || (Array.isArray(v) && v.length === 0)) && c.family !== "Null") missing.set(c.lowerKey, c.key);
        }
        if (ev.applies(st) === "none") continue;
        if (source === "boundary" && st.effect === "Allow") boundaryAllows ??= true;
        if (source === "boundary" && st.effect === "Deny") boundaryAllows = false;
        const pos = positions[st.index] ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
        matched.push({ policyName: p.name, ...(p.arn !== undefined ? { policyArn: p.arn } : {}), source, statement: st, start: pos.start, end: pos.end });
      }
    }
  };
  visit("identity", req.identityPolicies);
  if (req.resourcePolicy) visit("resource", [req.resourcePolicy]);
  if (req.permissionsBoundary) visit("boundary", [req.permissionsBoundary]);
  if (req.sessionPolicies) visit("session", req.sessionPolicies);
  // The simulator lists the statements that decided: the denies when denied, the allows when allowed.
  const deciding = decision.reason === "explicit-deny" ? matched.filter((m) => m.statement.effect === "Deny") : decision.reason === "allowed" ? matched.filter((m) => m.statement.effect === "Allow") : [];
  return {
    decision,
    evalDecision: toEvalDecision(decision),
    matchedStatements: deciding,
    missingContextValues: [...missing.values()],
    ...(req.permissionsBoundary ? { allowedByPermissionsBoundary: boundaryAllows === true } : {}),
  };
}
