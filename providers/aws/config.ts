// The provider block, as hashicorp/aws's schema has it, and the credential chain the real provider follows:
// provider block → AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN → AWS_PROFILE (or `profile`) in the
// shared credentials and config files → (tfsim only) the embedded account's root keys.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { BoolType, listOf, mapOf, NumberType, setOf, StringType } from "../../src/lang/types.js";
import type { Block } from "../../src/provider/schema.js";
import { str, strList, strMap, type Obj, type Plain } from "./plain.js";

const s = StringType;
const optStr = { type: s, optional: true } as const;
const optBool = { type: BoolType, optional: true } as const;

export const providerBlock: Block = {
  attributes: {
    region: optStr,
    access_key: optStr,
    // Not marked sensitive: hashicorp/aws's schema does not mark them either.
    secret_key: optStr,
    token: optStr,
    profile: optStr,
    shared_credentials_files: { type: listOf(s), optional: true },
    shared_config_files: { type: listOf(s), optional: true },
    allowed_account_ids: { type: setOf(s), optional: true },
    forbidden_account_ids: { type: setOf(s), optional: true },
    max_retries: { type: NumberType, optional: true },
    insecure: optBool,
    skip_credentials_validation: optBool,
    skip_metadata_api_check: optStr,
    skip_region_validation: optBool,
    skip_requesting_account_id: optBool,
    s3_use_path_style: optBool,
    // Transport settings of the real provider, accepted so configs written for AWS run unchanged; the embedded
    // cloud has no proxies, certificates, FIPS or dual-stack endpoints, and answers without throttling.
    custom_ca_bundle: optStr,
    ec2_metadata_service_endpoint: optStr,
    ec2_metadata_service_endpoint_mode: optStr,
    http_proxy: optStr,
    https_proxy: optStr,
    no_proxy: optStr,
    retry_mode: optStr,
    s3_us_east_1_regional_endpoint: optStr,
    sts_region: optStr,
    token_bucket_rate_limiter_capacity: { type: NumberType, optional: true },
    use_dualstack_endpoint: optBool,
    use_fips_endpoint: optBool,
  },
  blockTypes: {
    // Several blocks chain: each role is assumed with the credentials of the one before (hashicorp/aws 5.x).
    assume_role: {
      nesting: "list",
      block: {
        attributes: {
          role_arn: optStr,
          session_name: optStr,
          duration: optStr,
          external_id: optStr,
          policy: optStr,
          policy_arns: { type: setOf(s), optional: true },
          source_identity: optStr,
          tags: { type: mapOf(s), optional: true },
          transitive_tag_keys: { type: setOf(s), optional: true },
        },
      },
    },
    // Only the services the embedded cloud serves.
    endpoints: {
      nesting: "set",
      block: { attributes: { iam: optStr, sts: optStr, ec2: optStr, s3: optStr } },
    },
    default_tags: {
      nesting: "list",
      block: { attributes: { tags: { type: mapOf(s), optional: true } } },
    },
    ignore_tags: {
      nesting: "list",
      block: { attributes: { keys: { type: setOf(s), optional: true }, key_prefixes: { type: setOf(s), optional: true } } },
    },
  },
};

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Where they came from, for messages. */
  readonly source: "provider" | "environment" | "shared-files" | "root";
}

export interface AssumeRole {
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly externalId?: string;
  readonly sourceIdentity?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly transitiveTagKeys: readonly string[];
}

export interface ProviderSettings {
  readonly region?: string;
  readonly credentials?: Credentials;
  /** In order: each is assumed with the credentials the one before gave. */
  readonly assumeRoles: readonly AssumeRole[];
  readonly endpoints: Readonly<Record<string, string>>;
  /** The account the credentials belong to must be among these (when any), and not among the forbidden. */
  readonly allowedAccountIds: readonly string[];
  readonly forbiddenAccountIds: readonly string[];
  readonly defaultTags: Readonly<Record<string, string>>;
  readonly errors: string[];
}

/** INI sections of an AWS shared file: `[name]` or `[profile name]` → key → value. */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, "");
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const h = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (h) {
      const name = h[1]!.replace(/^profile\s+/, "");
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq > 0 && current) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

function readIni(paths: readonly string[], home: string): Map<string, Record<string, string>> {
  const merged = new Map<string, Record<string, string>>();
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p.replace(/^~(?=\/|$)/, home), "utf8");
    } catch {
      continue;
    }
    for (const [k, v] of parseIni(text)) merged.set(k, { ...(merged.get(k) ?? {}), ...v });
  }
  return merged;
}

function first(l: Plain | undefined): Obj | undefined {
  const a = Array.isArray(l) ? l : [];
  const o = a[0];
  return o && typeof o === "object" && !Array.isArray(o) ? o : undefined;
}

/** Go's time.ParseDuration for the forms assume_role.duration uses ("1h", "15m", "1h30m", "900s"). */
function parseDuration(d: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(d); m; m = re.exec(d)) {
    total += Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : 1);
    consumed += m[0].length;
  }
  return consumed === d.length && d.length > 0 ? Math.round(total) : undefined;
}

export function resolveSettings(config: Obj, env: NodeJS.ProcessEnv): ProviderSettings {
  const errors: string[] = [];
  const home = env.HOME && env.HOME !== "" ? env.HOME : homedir();
  const profile = str(config.profile) ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE;
  const credFiles = strList(config.shared_credentials_files);
  const confFiles = strList(config.shared_config_files);
  const credPaths = credFiles.length ? credFiles : [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, ".aws", "credentials")];
  const confPaths = confFiles.length ? confFiles : [env.AWS_CONFIG_FILE ?? join(home, ".aws", "config")];
  const shared = (): { creds?: Record<string, string>; conf?: Record<string, string> } => {
    const name = profile ?? "default";
    const creds = readIni(credPaths, home).get(name);
    const conf = readIni(confPaths, home).get(name);
    return { ...(creds ? { creds } : {}), ...(conf ? { conf } : {}) };
  };

  let credentials: Credentials | undefined;
  const ak = str(config.access_key);
  const sk = str(config.secret_key);
  if (ak && sk) {
    const t = str(config.token);
    credentials = { accessKeyId: ak, secretAccessKey: sk, ...(t ? { sessionToken: t } : {}), source: "provider" };
  } else if (!str(config.profile) && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      source: "environment",
    };
  } else {
    const { creds, conf } = shared();
    const src = creds?.aws_access_key_id ? creds : conf;
    if (src?.aws_access_key_id && src.aws_secret_access_key) {
      credentials = {
        accessKeyId: src.aws_access_key_id,
        secretAccessKey: src.aws_secret_access_key,
        ...(src.aws_session_token ? { sessionToken: src.aws_session_token } : {}),
        source: "shared-files",
      };
    } else if (profile) {
      errors.push(`failed to get shared config profile, ${profile}`);
    }
  }

  const region = str(config.region) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? shared().conf?.region;

  const assumeRoles: AssumeRole[] = [];
  for (const ar of Array.isArray(config.assume_role) ? config.assume_role : []) {
    if (!ar || typeof ar !== "object" || Array.isArray(ar) || !str(ar.role_arn)) continue;
    const d = str(ar.duration);
    const secs = d ? parseDuration(d) : undefined;
    if (d && secs === undefined) errors.push(`assume_role.duration: invalid duration ${JSON.stringify(d)}`);
    const opt = (k: string, v: string | undefined) => (v !== undefined ? { [k]: v } : {});
    assumeRoles.push({
      roleArn: str(ar.role_arn)!,
      ...opt("sessionName", str(ar.session_name)),
      ...(secs !== undefined ? { durationSeconds: secs } : {}),
      ...opt("policy", str(ar.policy)),
      ...opt("externalId", str(ar.external_id)),
      ...opt("sourceIdentity", str(ar.source_identity)),
      policyArns: strList(ar.policy_arns),
      tags: strMap(ar.tags),
      transitiveTagKeys: strList(ar.transitive_tag_keys),
    });
  }

  const endpoints: Record<string, string> = {};
  for (const e of Array.isArray(config.endpoints) ? config.endpoints : []) Object.assign(endpoints, strMap(e));
  const defaultTags = strMap(first(config.default_tags)?.tags);
  return { ...(region ? { region } : {}), ...(credentials ? { credentials } : {}), assumeRoles, endpoints, allowedAccountIds: strList(config.allowed_account_ids), forbiddenAccountIds: strList(config.forbidden_account_ids), defaultTags, errors };
}
