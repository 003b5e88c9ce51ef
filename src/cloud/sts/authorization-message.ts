// Encoded authorization messages: what EC2's UnauthorizedOperation carries ("Encoded authorization failure
// message: …") and sts:DecodeAuthorizationMessage turns back into AWS's JSON form. The encoding is ours (AWS's
// is opaque too): base64url of the JSON, prefixed so that garbage is recognised.
import type { AuthzRequest, Decision } from "../iam/authz.js";

const PREFIX = "tfsim1.";

export interface AuthorizationDetails {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
  readonly matchedStatements: { items: { statementId?: string; policyName: string; index: number }[] };
  readonly failures: { items: string[] };
  readonly context: {
    principal: { id: string; arn: string; name?: string };
    action: string;
    resource: string;
    conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
  };
}

export function authorizationDetails(req: AuthzRequest, d: Decision): AuthorizationDetails {
  const conditions: AuthorizationDetails["context"]["conditions"]["items"] = [];
  for (const [key, v] of Object.entries(req.context)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v instanceof Date ? v.toISOString() : String(v)];
    conditions.push({ key, values: { items: values.map((value) => ({ value })) } });
  }
  const p = req.principal;
  return {
    allowed: d.effect === "Allow",
    explicitDeny: d.reason === "explicit-deny",
    matchedStatements: {
      items: d.decidingStatement
        ? [{ ...(d.decidingStatement.sid !== undefined ? { statementId: d.decidingStatement.sid } : {}), policyName: d.decidingStatement.policyName, index: d.decidingStatement.index }]
        : [],
    },
    failures: { items: [] },
    context: {
      principal: { id: p.userId, arn: p.arn, ...(p.username ?? p.roleName ? { name: (p.username ?? p.roleName)! } : {}) },
      action: req.action,
      resource: req.resource,
      conditions: { items: conditions },
    },
  };
}

export function encodeAuthorizationMessage(req: AuthzRequest, d: Decision): string {
  return PREFIX + Buffer.from(JSON.stringify(authorizationDetails(req, d))).toString("base64url");
}

/** The decoded JSON text, or undefined when the message is not one of ours. */
export function decodeAuthorizationMessage(encoded: string): string | undefined {
  if (!encoded.startsWith(PREFIX)) return undefined;
  try {
    const text = Buffer.from(encoded.slice(PREFIX.length), "base64url").toString("utf8");
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}
