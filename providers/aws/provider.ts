// hashicorp/aws for tfsim: the plugin interface over the resource and data source tables in types.ts. configure
// resolves the credential chain (config.ts), assumes a role when asked, and checks the credentials with
// sts:GetCallerIdentity as the real provider does, so a bad key fails once at configure and not per resource.
import { randomUUID } from "node:crypto";
import { error, warning, type Diagnostic } from "../../src/diag/diagnostic.js";
import type { AwsCredentials, ServiceName } from "../../src/cloud/api.js";
import { Value } from "../../src/lang/value.js";
import type { Type } from "../../src/lang/types.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  ConfigureRequest,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  Provider,
  ReadDataSourceRequest,
  ReadDataSourceResponse,
  ReadResourceRequest,
  ReadResourceResponse,
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
  ValidateResourceConfigRequest,
} from "../../src/provider/provider.js";
import { impliedType, type ProviderSchema } from "../../src/provider/schema.js";
import { valueFromJson, ValueJsonError } from "../../src/provider/value-json.js";
import type { JsonValue } from "../../state/json.js";
import { InProcessClient, type AwsClient } from "./client.js";
import { providerBlock, resolveSettings } from "./config.js";
import { AwsCallError, stepFailed } from "./errors.js";
import { toObj, type Obj } from "./plain.js";
import { knownPart, named, notFoundAfterCreate, PartialCreate, planResource, readAfterWrite, stateValue, type ResourceContext, type ResourceType } from "./resource.js";
import { dataSources, resourceTypes } from "./types.js";

const schema: ProviderSchema = {
  provider: providerBlock,
  resourceTypes: Object.fromEntries(Object.entries(resourceTypes).map(([k, r]) => [k, r.schema])),
  dataSources: Object.fromEntries(Object.entries(dataSources).map(([k, d]) => [k, d.schema])),
};

function unsupported(kind: string, typeName: string): Diagnostic {
  return error(`Unsupported ${kind}`, `The provider hashicorp/aws (tfsim) does not support ${kind} "${typeName}".`);
}

export const rootWarning = "Using the account's root user credentials: root should not be used day to day; create an IAM user with only the permissions it needs.";

export interface AwsProviderOptions {
  /** Defaults to process.env (TFSIM_HOME, AWS_*). */
  readonly env?: NodeJS.ProcessEnv;
}

export class AwsProvider implements Provider {
  private ctx?: ResourceContext;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: AwsProviderOptions = {}) {
    this.env = options.env ?? process.env;
  }

  getSchema(): ProviderSchema {
    return schema;
  }

  validateProviderConfig(): Diagnostic[] {
    return [];
  }

  async configure(req: ConfigureRequest): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    const settings = resolveSettings(req.config.isNull() ? {} : toObj(req.config), this.env);
    for (const e of settings.errors) diags.push(error("Invalid provider configuration", e));
    if (!settings.region) {
      diags.push(
        error(
          "Invalid provider configuration",
          "The provider requires a region: set `region` in the provider block, the AWS_REGION environment variable, or `region` in the shared config file.",
        ),
      );
    }
    if (diags.some((d) => d.severity === "error")) return diags;
    const region = settings.region!;

    // endpoints {} or AWS_ENDPOINT_URL[_SERVICE]: over HTTP to `tfsim cloud serve`; otherwise in process.
    const env = this.env;
    const endpointFor = (service: ServiceName): string | undefined =>
      settings.endpoints[service] ?? env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
    const http = Object.keys(settings.endpoints).length > 0 || !!env.AWS_ENDPOINT_URL || (["iam", "sts", "ec2", "s3"] as const).some((s) => env[`AWS_ENDPOINT_URL_${s.toUpperCase()}`]);
    const home = env.TFSIM_HOME ? { home: env.TFSIM_HOME } : {};
    // The embedded cloud and the HTTP client (with its XML parser) are loaded only by a configuration that uses
    // this provider: a plan of terraform_data alone never pays for them (they are half the modules tfsim loads).
    const { openCloud } = await import("../../src/cloud/index.js");
    const { HttpClient } = await import("./http-client.js");
    const cloud = http ? undefined : openCloud(home);
    let creds: AwsCredentials;
    if (settings.credentials) {
      const c = settings.credentials;
      creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
    } else {
      // The root keys live in the account's own store, which is this machine's TFSIM_HOME in either mode.
      const local = cloud ?? openCloud(home);
      try {
        creds = local.rootCredentials();
      } finally {
        if (!cloud) local.close();
      }
      diags.push(warning("Using root credentials", rootWarning));
    }
    const makeClient = (c: AwsCredentials): AwsClient => (cloud ? new InProcessClient(cloud, c, region) : new HttpClient(endpointFor, c, region));
    let client: AwsClient = makeClient(creds);
    for (const ar of settings.assumeRoles) {
      try {
        const out = await client.call("sts", "AssumeRole", {
          RoleArn: ar.roleArn,
          RoleSessionName: ar.sessionName ?? `aws-go-sdk-${Date.now()}`,
          ...(ar.durationSeconds ? { DurationSeconds: ar.durationSeconds } : {}),
          ...(ar.policy ? { Policy: ar.policy } : {}),
          ...(ar.policyArns.length ? { PolicyArns: ar.policyArns.map((arn) => ({ arn })) } : {}),
          ...(ar.externalId ? { ExternalId: ar.externalId } : {}),
          ...(ar.sourceIdentity ? { SourceIdentity: ar.sourceIdentity } : {}),
          ...(Object.keys(ar.tags).length ? { Tags: Object.entries(ar.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
          ...(ar.transitiveTagKeys.length ? { TransitiveTagKeys: ar.transitiveTagKeys } : {}),
        });
        const c = out.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
        // The next client shares the cloud (in process) or opens its own connections; nothing to close here.
        client = makeClient({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
      } catch (e) {
        client.close();
        diags.push(error("Cannot assume IAM Role", `IAM Role (${ar.roleArn}) cannot be assumed.\n\n${e instanceof Error ? e.message : String(e)}`));
        return diags;
      }
    }
    let accountId: string;
    try {
      accountId = String((await client.call("sts", "GetCallerIdentity")).Account);
    } catch (e) {
      client.close();
      const why = e instanceof AwsCallError ? e.message : String(e);
      diags.push(error("Retrieving AWS account details: validating provider credentials: retrieving caller identity from STS", why));
      return diags;
    }
    const forbidden = settings.forbiddenAccountIds.includes(accountId);
    if (forbidden || (settings.allowedAccountIds.length > 0 && !settings.allowedAccountIds.includes(accountId))) {
      client.close();
      diags.push(error(`AWS account ID not allowed: ${accountId}`));
      return diags;
    }
    this.ctx = { client, accountId, region, defaultTags: settings.defaultTags };
    return diags;
  }

  private context(): ResourceContext | Diagnostic {
    return this.ctx ?? error("Provider not configured", "The aws provider was called before it was configured.");
  }

  validateResourceConfig(req: ValidateResourceConfigRequest): Diagnostic[] {
    return resourceTypes[req.typeName] ? [] : [unsupported("resource type", req.typeName)];
  }

  validateDataResourceConfig(req: ValidateResourceConfigRequest): Diagnostic[] {
    return dataSources[req.typeName] ? [] : [unsupported("data source", req.typeName)];
  }

  upgradeResourceState(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse {
    const rt = resourceTypes[req.typeName];
    if (!rt) return { diagnostics: [unsupported("resource type", req.typeName)] };
    try {
      return { upgradedState: valueFromJson(req.rawState as JsonValue, impliedType(rt.schema.block)), diagnostics: [] };
    } catch (e) {
      if (!(e instanceof ValueJsonError)) throw e;
      return { diagnostics: [error("Invalid resource state", `The stored state of ${req.typeName} cannot be decoded: ${e.message}.`)] };
    }
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    const rt = resourceTypes[req.typeName];
    const ctx = this.context();
    if (!rt) return { newState: req.priorState, diagnostics: [unsupported("resource type", req.typeName)] };
    if (!("client" in ctx)) return { newState: req.priorState, diagnostics: [ctx] };
    const prior = toObj(req.priorState);
    try {
      const now = await rt.read(ctx, prior);
      return { newState: now ? stateValue(rt, now) : nullOf(rt), diagnostics: [] };
    } catch (e) {
      return { newState: req.priorState, diagnostics: [stepFailed(`reading ${named(rt, prior)}`, e)] };
    }
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    const rt = resourceTypes[req.typeName];
    if (!rt) return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics: [unsupported("resource type", req.typeName)] };
    const ctx = this.ctx ?? { client: undefined as unknown as AwsClient, accountId: "", region: "", defaultTags: {} };
    const { planned, requiresReplace } = planResource(rt, ctx, req.priorState, req.proposedNewState, req.config);
    // A new object gets its idempotency token now, so every apply of this plan asks the cloud for the same create.
    const creating = !planned.isNull() && (req.priorState.isNull() || requiresReplace.length > 0);
    // A create handed the private data of an unsettled earlier attempt resumes it: same token, and adopt first.
    const resumedToken = creating ? parsePrivate(req.priorPrivate).client_token : undefined;
    const plannedPrivate = creating ? JSON.stringify(resumedToken ? { client_token: resumedToken, resumed: "true" } : { client_token: randomUUID() }) : req.priorPrivate;
    return { plannedState: planned, requiresReplace, ...(plannedPrivate !== undefined ? { plannedPrivate } : {}), diagnostics: [] };
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    const rt = resourceTypes[req.typeName];
    if (!rt) return { newState: req.priorState, diagnostics: [unsupported("resource type", req.typeName)] };
    const ctx = this.context();
    if (!("client" in ctx)) return { newState: req.priorState, diagnostics: [ctx] };
    const prior = req.priorState.isNull() ? undefined : toObj(req.priorState);
    if (req.plannedState.isNull()) {
      try {
        await rt.delete(ctx, prior ?? {});
        return { newState: req.plannedState, diagnostics: [] };
      } catch (e) {
        return { newState: req.priorState, diagnostics: [stepFailed(`deleting ${named(rt, prior ?? {})}`, e)] };
      }
    }
    const planned = toObj(req.plannedState);
    let written: Obj;
    if (!prior) {
      const extra = { config: toObj(req.config), private: parsePrivate(req.plannedPrivate) };
      try {
        const candidate = extra.private.resumed && rt.adopt ? await rt.adopt(ctx, planned, extra) : null;
        const adopted = candidate ? await rt.read(ctx, candidate) : null;
        written = adopted ?? (await rt.create(ctx, planned, extra));
      } catch (e) {
        if (e instanceof PartialCreate) return { newState: stateValue(rt, e.object), diagnostics: [stepFailed(e.step, e.reason)] };
        return { newState: req.priorState, diagnostics: [stepFailed(`creating ${named(rt, knownPart(planned))}`, e)] };
      }
    } else {
      if (!rt.update) return { newState: req.priorState, diagnostics: [error(`updating ${named(rt, prior)}: every argument forces replacement`)] };
      try {
        written = { ...planned };
        await rt.update(ctx, prior, written, toObj(req.config));
      } catch (e) {
        return { newState: req.priorState, diagnostics: [stepFailed(`updating ${named(rt, prior)}`, e)] };
      }
    }
    try {
      const now = await readAfterWrite(rt, ctx, written);
      if (!now) return { newState: prior ? req.priorState : nullOf(rt), diagnostics: [notFoundAfterCreate(rt, written)] };
      return { newState: stateValue(rt, now), diagnostics: [] };
    } catch (e) {
      // The object exists: record what the write produced so it is not orphaned.
      return { newState: stateValue(rt, written), diagnostics: [stepFailed(`reading ${named(rt, written)}`, e)] };
    }
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    const rt = resourceTypes[req.typeName];
    if (!rt) return { importedResources: [], diagnostics: [unsupported("resource type", req.typeName)] };
    if (!rt.importId) return { importedResources: [], diagnostics: [error(`resource ${req.typeName} doesn't support import`)] };
    const ctx = this.context();
    if (!("client" in ctx)) return { importedResources: [], diagnostics: [ctx] };
    let start: Obj;
    try {
      start = rt.importId(req.id);
    } catch (e) {
      return { importedResources: [], diagnostics: [isDiagnostic(e) ? e : stepFailed("importing", e)] };
    }
    try {
      const now = await rt.read(ctx, start);
      // An object that is not there is imported as its ID alone, as the SDK's importers do: the read that
      // follows finds nothing, and the engine reports "Cannot import non-existent remote object" for the address.
      return { importedResources: [{ typeName: req.typeName, state: stateValue(rt, now ?? start) }], diagnostics: [] };
    } catch (e) {
      return { importedResources: [], diagnostics: [stepFailed(`reading ${rt.noun} (${req.id})`, e)] };
    }
  }

  async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
    const ds = dataSources[req.typeName];
    if (!ds) return { state: req.config, diagnostics: [unsupported("data source", req.typeName)] };
    const type = impliedType(ds.schema.block);
    const ctx = this.ctx ?? (ds.offline ? { client: undefined as unknown as AwsClient, accountId: "", region: "us-east-1", defaultTags: {} } : undefined);
    if (!ctx) return { state: req.config, diagnostics: [error("Provider not configured", "The aws provider was called before it was configured.")] };
    const config = toObj(req.config);
    try {
      const out = await ds.read(ctx, config);
      return { state: stateValue({ schema: ds.schema } as ResourceType, { ...config, ...out }), diagnostics: [] };
    } catch (e) {
      return { state: nullValue(type), diagnostics: [stepFailed(ds.failure ?? `reading ${dataNoun(req.typeName)}`, e)] };
    }
  }

  async close(): Promise<void> {
    this.ctx?.client.close();
    this.ctx = undefined as unknown as ResourceContext;
  }
}

function parsePrivate(p: string | undefined): Record<string, string> {
  if (!p) return {};
  try {
    const j = JSON.parse(p) as unknown;
    return j && typeof j === "object" ? (j as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function dataNoun(typeName: string): string {
  return typeName.replace(/^aws_/, "").replace(/_/g, " ");
}

function isDiagnostic(e: unknown): e is Diagnostic {
  return typeof e === "object" && e !== null && "severity" in e && "summary" in e;
}

function nullOf(rt: ResourceType): Value {
  return nullValue(impliedType(rt.schema.block));
}

function nullValue(t: Type): Value {
  return Value.null(t);
}
