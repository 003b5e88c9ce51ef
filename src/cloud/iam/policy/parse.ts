// Parses and validates a policy document once, when it is stored, into typed and compiled statements,
// answering as IAM does: MalformedPolicyDocument with IAM's own wording, checked in IAM's order
// (syntax, then Version, then legacy parsing, then Sid uniqueness, actions, resources, action prefixes,
// then what the kind of policy requires or forbids).
import { compileActions } from "./action.js";
import { compileClause, parseOperatorName, type ConditionClause } from "./condition.js";
import { parseAwsDate } from "./date.js";
import type { PrincipalSet } from "./principal.js";
import type { PolicyDocument, PolicyKind, Statement } from "./types.js";
import { compileTemplate } from "./variables.js";

export type ParseResult = { ok: true; policy: PolicyDocument } | { ok: false; code: "MalformedPolicyDocument"; message: string };

export const messages = {
  syntax: "Syntax errors in policy.",
  version: "Policy document must be version 2012-10-17 or greater.",
  legacy: "The policy failed legacy parsing",
  sidUnique: "Statement IDs (SID) in a single policy must be unique.",
  sidAlphanumeric: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
  actions: "Policy statement must contain actions.",
  resources: "Policy statement must contain resources.",
  noVendor: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  oneColon: "Actions/Condition can contain only one colon.",
  vendor: (v: string) => `Vendor ${v} is not valid`,
  principalForbidden: "Policy document should not specify a principal.",
  principalMissing: "Missing required field Principal",
  principalInvalid: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
  trustActions: "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity",
  trustResource: "Has prohibited field Resource.",
  notArn: (r: string) => `Resource ${r} must be in ARN format or "*".`,
  partition: (pt: string, rest: string) => `Partition "${pt}" is not valid for resource "arn:${pt}:${rest}".`,
  vendorRegex: "Resource vendor must be fully qualified and cannot contain regexes.",
  iamRegion: (r: string) => `IAM resource ${r} cannot contain region information.`,
  iamPath: `IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.`,
} as const;

const TOP_ELEMENTS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);
const IAM_PATHS = ["user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/"];
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

class Malformed {
  constructor(readonly message: string) {}
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses a policy for the use `kind` says; never throws. */
export function parsePolicyDocument(json: string, kind: PolicyKind): ParseResult {
  try {
    return { ok: true, policy: parseOrThrow(json, kind) };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, code: "MalformedPolicyDocument", message: e.message };
    throw e;
  }
}

function fail(message: string): never {
  throw new Malformed(message);
}

function parseOrThrow(json: string, kind: PolicyKind): PolicyDocument {
  let doc: Json;
  try {
    doc = JSON.parse(json) as Json;
  } catch {
    fail(messages.syntax);
  }
  const raws = checkSyntax(doc);
  const top = doc as JsonObject;
  const iamOwned = kind !== "resource";

  // Version: IAM's own policies must say 2012-10-17; trust and resource policies may still say (or default to) 2008-10-17.
  const version = (top.Version as "2012-10-17" | "2008-10-17" | undefined) ?? "2008-10-17";
  if ((kind === "identity" || kind === "boundary" || kind === "session") && version !== "2012-10-17") fail(messages.version);

  // Legacy parsing: Effect's exact case and Date condition values, then the shape of resource ARNs. IAM keeps
  // the last format error it meets (walking each statement's resources in descending order, all Resource
  // elements before all NotResource elements) and stops checking ARN shapes once it has one.
  for (const s of raws) {
    if (s.Effect !== "Allow" && s.Effect !== "Deny") fail(messages.legacy);
    if (isObject(s.Condition)) {
      for (const [opName, block] of Object.entries(s.Condition)) {
        if (!parseOperatorName(opName)?.base.startsWith("Date") || !isObject(block)) continue;
        for (const v of Object.values(block)) for (const x of asList(v)) if (Number.isNaN(parseAwsDate(String(x)))) fail(messages.legacy);
      }
    }
  }
  let resourceError: string | undefined;
  for (const key of ["Resource", "NotResource"] as const) {
    for (const s of raws) {
      const list = s[key] === undefined ? [] : asStrings(s[key]!).slice().sort().reverse();
      for (const r of list) {
        if (!r) continue;
        const err = resourceFormatError(r);
        if (err) {
          resourceError = err;
          continue;
        }
        if (resourceError === undefined && r !== "*" && r.includes(":")) {
          const parts = r.split(":");
          if (parts.length < 3 || parts[2] === "" || (parts.length < 6 && r.includes("::"))) fail(messages.legacy);
        }
      }
    }
  }

  const sids = new Set<string>();
  for (const s of raws) {
    const sid = s.Sid as string | undefined;
    if (!sid) continue;
    if (sids.has(sid)) fail(messages.sidUnique);
    sids.add(sid);
  }
  if (iamOwned) for (const sid of sids) if (!/^[0-9A-Za-z]*$/.test(sid)) fail(messages.sidAlphanumeric);

  for (const s of raws) {
    const a = s.Action ?? s.NotAction;
    if (a === undefined || (Array.isArray(a) && a.length === 0)) fail(messages.actions);
  }
  if (resourceError) fail(resourceError);
  for (const s of raws) for (const a of asStrings(s.Action ?? s.NotAction ?? [])) checkActionPrefix(a);

  for (const s of raws) {
    const hasPrincipal = s.Principal !== undefined || s.NotPrincipal !== undefined;
    const hasResource = s.Resource !== undefined || s.NotResource !== undefined;
    if (kind === "identity" || kind === "boundary" || kind === "session") {
      if (hasPrincipal) fail(messages.principalForbidden);
      const r = s.Resource ?? s.NotResource;
      if (r === undefined || (Array.isArray(r) && r.length === 0)) fail(messages.resources);
    } else {
      if (kind === "trust") {
        for (const a of asStrings(s.Action ?? s.NotAction ?? [])) {
          const l = a.toLowerCase();
          if (l !== "*" && !l.startsWith("sts:")) fail(messages.trustActions);
        }
        if (hasResource) fail(messages.trustResource);
      } else {
        const r = s.Resource ?? s.NotResource;
        if (r === undefined || (Array.isArray(r) && r.length === 0)) fail(messages.resources);
      }
      if (!hasPrincipal) fail(messages.principalMissing);
      for (const key of ["Principal", "NotPrincipal"] as const) if (s[key] !== undefined) checkPrincipal(s[key]!);
    }
  }

  const variables = version === "2012-10-17";
  const statements = raws.map((s, index) => compileStatement(s, index, variables));
  return {
    version,
    ...(typeof top.Id === "string" ? { id: top.Id } : {}),
    statements,
    source: json,
    kind,
  };
}

/** The structural checks that IAM reports all as "Syntax errors in policy."; returns the statements. */
function checkSyntax(doc: Json): JsonObject[] {
  if (!isObject(doc)) fail(messages.syntax);
  for (const k of Object.keys(doc)) if (!TOP_ELEMENTS.has(k)) fail(messages.syntax);
  if (doc.Version !== undefined && doc.Version !== "2012-10-17" && doc.Version !== "2008-10-17") fail(messages.syntax);
  if (doc.Id !== undefined && typeof doc.Id !== "string") fail(messages.syntax);
  const st = doc.Statement;
  const raws = isObject(st) ? [st] : Array.isArray(st) ? st : fail(messages.syntax);
  if (raws.length === 0) fail(messages.syntax);
  for (const s of raws) {
    if (!isObject(s)) fail(messages.syntax);
    for (const k of Object.keys(s)) if (!STATEMENT_ELEMENTS.has(k)) fail(messages.syntax);
    if (s.Resource !== undefined && s.NotResource !== undefined) fail(messages.syntax);
    if (s.Action !== undefined && s.NotAction !== undefined) fail(messages.syntax);
    if (s.Principal !== undefined && s.NotPrincipal !== undefined) fail(messages.syntax);
    if (typeof s.Effect !== "string" || !["allow", "deny"].includes(s.Effect.toLowerCase())) fail(messages.syntax);
    for (const k of ["Action", "NotAction", "Resource", "NotResource"]) {
      const v = s[k];
      if (v === undefined) continue;
      if (typeof v === "string") continue;
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) fail(messages.syntax);
    }
    if (s.Sid !== undefined && typeof s.Sid !== "string") fail(messages.syntax);
    for (const k of ["Principal", "NotPrincipal"]) {
      const p = s[k];
      if (p === undefined || p === "*") continue;
      if (!isObject(p)) fail(messages.syntax);
      for (const v of Object.values(p)) {
        if (typeof v === "string") continue;
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) fail(messages.syntax);
      }
    }
    if (s.Condition !== undefined) {
      if (!isObject(s.Condition)) fail(messages.syntax);
      for (const [opName, block] of Object.entries(s.Condition)) {
        if (!isObject(block)) fail(messages.syntax);
        for (const v of Object.values(block)) {
          const ok = (x: Json) => typeof x === "string" || typeof x === "boolean" || typeof x === "number";
          if (!(ok(v) || (Array.isArray(v) && v.every(ok)))) fail(messages.syntax);
        }
        if (!parseOperatorName(opName) && Object.keys(block).length > 0) fail(messages.syntax);
      }
    }
  }
  return raws as JsonObject[];
}

function resourceFormatError(r: string): string | undefined {
  if (r === "*") return undefined;
  const c1 = r.indexOf(":");
  if (c1 < 0) return messages.notArn(r);
  const afterArn = r.slice(c1 + 1);
  const c2 = afterArn.indexOf(":");
  const partition = c2 < 0 ? afterArn : afterArn.slice(0, c2);
  if (partition !== "*" && !PARTITIONS.has(partition)) {
    const rest = c2 < 0 ? [] : afterArn.slice(c2 + 1).split(":");
    const part = (i: number) => (i < rest.length && (rest[i] !== "" || rest.length > 1) ? rest[i]! : "*");
    const tail = rest.length > 3 ? rest.slice(3).join(":") : "*";
    return messages.partition(partition, `${part(0)}:${part(1)}:${part(2)}:${tail}`);
  }
  if (c2 < 0) return messages.vendorRegex;
  const parts = afterArn.slice(c2 + 1).split(":");
  const service = parts[0]!;
  if (service === "iam" && parts.length >= 4) {
    if (parts[1] !== "") return messages.iamRegion(r);
    const resource = parts.slice(3).join(":");
    if (resource !== "*" && !IAM_PATHS.some((p) => resource.startsWith(p)) && !resource.startsWith("root") && !resource.startsWith("*")) return messages.iamPath;
  }
  return undefined;
}

function checkActionPrefix(a: string): void {
  const parts = a.split(":");
  if (parts.length === 1 && parts[0] !== "*") fail(messages.noVendor);
  if (parts.length > 2) fail(messages.oneColon);
  const vendor = parts[0]!;
  if (vendor !== "*" && !/^[a-zA-Z0-9.-]+$/.test(vendor)) fail(messages.vendor(vendor));
}

const AWS_PRINCIPAL = /^(\*|\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+))$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com|aws\.internal)$/;

function checkPrincipal(p: Json): void {
  if (p === "*") return;
  for (const [type, value] of Object.entries(p as JsonObject)) {
    const label = type === "AWS" ? "AWS" : type.toUpperCase();
    for (const v of asStrings(value)) {
      if (!PRINCIPAL_TYPES.has(type)) fail(messages.principalInvalid(label, v));
      if (type === "AWS" && !AWS_PRINCIPAL.test(v)) fail(messages.principalInvalid(label, v));
      if (type === "Service" && v !== "*" && !SERVICE_PRINCIPAL.test(v)) fail(messages.principalInvalid(label, v));
    }
  }
}

function compileStatement(s: JsonObject, index: number, variables: boolean): Statement {
  const actions = s.Action !== undefined ? asStrings(s.Action) : undefined;
  const notActions = s.NotAction !== undefined ? asStrings(s.NotAction) : undefined;
  const resources = s.Resource !== undefined ? asStrings(s.Resource) : undefined;
  const notResources = s.NotResource !== undefined ? asStrings(s.NotResource) : undefined;
  const resourceList = resources ?? notResources;
  const conditions: ConditionClause[] = [];
  if (isObject(s.Condition)) {
    for (const [opName, block] of Object.entries(s.Condition)) {
      if (!isObject(block)) continue;
      for (const [key, v] of Object.entries(block)) {
        const clause = compileClause(opName, key, asList(v).map(conditionText), variables);
        if (clause) conditions.push(clause);
      }
    }
  }
  return {
    index,
    ...(typeof s.Sid === "string" ? { sid: s.Sid } : {}),
    effect: s.Effect as "Allow" | "Deny",
    ...(s.Principal !== undefined ? { principal: principalSet(s.Principal) } : {}),
    ...(s.NotPrincipal !== undefined ? { notPrincipal: principalSet(s.NotPrincipal) } : {}),
    ...(actions ? { actions } : {}),
    ...(notActions ? { notActions } : {}),
    ...(resources ? { resources } : {}),
    ...(notResources ? { notResources } : {}),
    conditions,
    actionMatcher: compileActions(actions ?? notActions ?? []),
    actionNegated: actions === undefined,
    ...(resourceList ? { resourcePatterns: resourceList.map((r) => compileTemplate(r, variables, true)) } : {}),
    resourceNegated: resources === undefined && notResources !== undefined,
  };
}

function principalSet(p: Json): PrincipalSet {
  if (p === "*") return { everyone: true, aws: [], service: [], federated: [], canonicalUser: [] };
  const o = p as JsonObject;
  const aws = o.AWS !== undefined ? asStrings(o.AWS) : [];
  return {
    everyone: aws.includes("*"),
    aws,
    service: o.Service !== undefined ? asStrings(o.Service) : [],
    federated: o.Federated !== undefined ? asStrings(o.Federated) : [],
    canonicalUser: o.CanonicalUser !== undefined ? asStrings(o.CanonicalUser) : [],
  };
}

function asList(v: Json): Json[] {
  return Array.isArray(v) ? v : [v];
}

function asStrings(v: Json): string[] {
  return asList(v).filter((x): x is string => typeof x === "string");
}

function conditionText(v: Json): string {
  return typeof v === "string" ? v : String(v);
}
