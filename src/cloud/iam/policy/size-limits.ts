// IAM's size quotas for policy documents ("IAM and AWS STS quotas"). IAM does not count whitespace. Exceeding
// one is a LimitExceeded error (not MalformedPolicyDocument), worded as IAM words it per entity kind.

export const policySizeLimits = {
  managed: 6_144,
  userInline: 2_048,
  roleInline: 10_240,
  groupInline: 5_120,
  trust: 2_048,
} as const;

export type PolicySizeKind = keyof typeof policySizeLimits;

/** Characters of the document, whitespace outside and inside strings not counted (as IAM counts). */
export function policySize(json: string): number {
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

/** The LimitExceeded error for a document too large for where it is stored, or undefined when it fits. */
export function checkPolicySize(kind: PolicySizeKind, json: string, entityName = ""): { code: "LimitExceeded"; message: string } | undefined {
  const limit = policySizeLimits[kind];
  if (policySize(json) <= limit) return undefined;
  switch (kind) {
    case "managed":
      return { code: "LimitExceeded", message: `Cannot exceed quota for PolicySize: ${limit}` };
    case "trust":
      return { code: "LimitExceeded", message: `Cannot exceed quota for ACLSizePerRole: ${limit}` };
    case "userInline":
      return { code: "LimitExceeded", message: `Maximum policy size of ${limit} bytes exceeded for user ${entityName}` };
    case "roleInline":
      return { code: "LimitExceeded", message: `Maximum policy size of ${limit} bytes exceeded for role ${entityName}` };
    case "groupInline":
      return { code: "LimitExceeded", message: `Maximum policy size of ${limit} bytes exceeded for group ${entityName}` };
  }
}
