// The text of an access-denied error, in AWS's documented form ("Access denied error messages", IAM User
// Guide): "User: ARN is not authorized to perform: ACTION on resource: ARN because no identity-based policy
// allows the ACTION action", or "... with an explicit deny in an identity-based policy: POLICY-ARN". The
// " on resource: ..." part is left out for actions that take no resource. Services wrap it their own way
// (EC2 prefixes "You are not authorized to perform this operation. ").
import type { AuthzRequest, Decision, PolicyType } from "./types.js";

const withArticle: Record<PolicyType, string> = {
  "identity-based policy": "an identity-based policy",
  "resource-based policy": "a resource-based policy",
  "permissions boundary": "a permissions boundary",
  "session policy": "a session policy",
  "service control policy": "a service control policy",
};

export function denialMessage(req: AuthzRequest, d: Decision): string {
  if (d.effect === "Allow") return "";
  const who = req.principal.type === "anonymous" ? "anonymous" : req.principal.arn;
  const on = req.resource === "*" || req.resource === "" ? "" : ` on resource: ${req.resource}`;
  const head = `User: ${who} is not authorized to perform: ${req.action}${on}`;
  const by = d.deniedBy ?? "identity-based policy";
  if (d.reason === "explicit-deny") {
    const arn = (by === "identity-based policy" || by === "service control policy") && d.decidingPolicyArn ? `: ${d.decidingPolicyArn}` : "";
    return `${head} with an explicit deny in ${withArticle[by]}${arn}`;
  }
  return `${head} because no ${by} allows the ${req.action} action`;
}
