// Drives the AWS provider through the plugin interface the way the engine does (ProposedNew, plan, apply, read,
// import), against a real embedded cloud in a temp TFSIM_HOME; `cloud()` is a second handle on the same account
// for checking what actually exists.
import { AwsProvider } from "../../../providers/aws/provider.js";
import { providerBlock } from "../../../providers/aws/config.js";
import { fromPlain, toObj, type Obj, type Plain } from "../../../providers/aws/plain.js";
import { openCloud, type LocalCloud } from "../../../src/cloud/index.js";
import type { Diagnostic } from "../../../src/diag/diagnostic.js";
import { Value } from "../../../src/lang/value.js";
import { impliedType, type ResourceSchema } from "../../../src/provider/schema.js";
import { pathString, type AttributePath } from "../../../src/provider/attribute-path.js";
import { tempDir } from "../../helpers/cli.js";

/**
 * objchange.ProposedNew at the top level: config where set, else the prior value of a computed attribute (unknown
 * on create); nested blocks come from config (none of these resources has computed attributes inside blocks
 * that the tests rely on).
 */
export function proposedNew(schema: ResourceSchema, prior: Value, config: Value): Value {
  const t = impliedType(schema.block);
  const m = new Map<string, Value>();
  for (const [n, at] of t.attrs) {
    const a = schema.block.attributes[n];
    const c = config.entries().get(n) ?? Value.null(at);
    if (a?.computed && c.isNull()) m.set(n, prior.isNull() ? Value.unknown(at) : (prior.entries().get(n) ?? Value.null(at)));
    else m.set(n, c);
  }
  return Value.of(t, m);
}

export function errorsOf(diags: readonly Diagnostic[]): string[] {
  return diags.filter((d) => d.severity === "error").map((d) => `${d.summary}${d.detail ? `: ${d.detail}` : ""}`);
}

export class Harness {
  readonly home = tempDir("tfsim-aws-");
  readonly env: NodeJS.ProcessEnv;
  readonly provider: AwsProvider;
  private handle?: LocalCloud;

  constructor(extraEnv: NodeJS.ProcessEnv = {}) {
    this.env = { TFSIM_HOME: this.home, HOME: this.home, ...extraEnv };
    this.provider = new AwsProvider({ env: this.env });
  }

  cloud(): LocalCloud {
    this.handle ??= openCloud({ home: this.home });
    return this.handle;
  }

  /** A call as root, to see the account independently of the provider. */
  root(service: "iam" | "sts", action: string, params: Record<string, unknown> = {}): { ok: boolean; output?: Record<string, unknown>; code?: string } {
    const c = this.cloud();
    const r = c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service, action, params });
    return r.ok ? { ok: true, output: r.output } : { ok: false, code: r.error.code };
  }

  async configure(config: Obj): Promise<Diagnostic[]> {
    return [...(await this.provider.configure({ config: fromPlain(config, impliedType(providerBlock)), terraformVersion: "1.11.0" }))];
  }

  configValue(type: string, cfg: Obj): Value {
    const schema = this.provider.getSchema().resourceTypes[type]!;
    return fromPlain(cfg, impliedType(schema.block));
  }

  nullState(type: string): Value {
    return fromPlain(null, impliedType(this.provider.getSchema().resourceTypes[type]!.block));
  }

  async plan(type: string, prior: Value, cfg: Obj | null): Promise<{ planned: Value; replace: string[]; errors: string[]; private?: string }> {
    const schema = this.provider.getSchema().resourceTypes[type]!;
    const config = cfg === null ? this.nullState(type) : this.configValue(type, cfg);
    const proposed = cfg === null ? config : proposedNew(schema, prior, config);
    const r = await this.provider.planResourceChange({ typeName: type, priorState: prior, proposedNewState: proposed, config });
    return { planned: r.plannedState, replace: r.requiresReplace.map((p: AttributePath) => pathString(p)), errors: errorsOf(r.diagnostics), ...(r.plannedPrivate !== undefined ? { private: r.plannedPrivate } : {}) };
  }

  /** plan + apply; the new state as plain attributes (null when destroyed). */
  async apply(type: string, prior: Value, cfg: Obj | null): Promise<{ state: Value; obj: Obj | null; errors: string[]; replace: string[] }> {
    const p = await this.plan(type, prior, cfg);
    if (p.errors.length) return { state: prior, obj: null, errors: p.errors, replace: p.replace };
    let from = prior;
    if (p.replace.length) {
      const d = await this.provider.applyResourceChange({ typeName: type, priorState: prior, plannedState: this.nullState(type), config: this.nullState(type) });
      if (errorsOf(d.diagnostics).length) return { state: prior, obj: null, errors: errorsOf(d.diagnostics), replace: p.replace };
      from = this.nullState(type);
    }
    const config = cfg === null ? this.nullState(type) : this.configValue(type, cfg);
    const final = p.replace.length ? await this.plan(type, from, cfg) : p;
    const r = await this.provider.applyResourceChange({
      typeName: type,
      priorState: from,
      plannedState: final.planned,
      config,
      ...(final.private !== undefined ? { plannedPrivate: final.private } : {}),
    });
    return { state: r.newState, obj: r.newState.isNull() ? null : toObj(r.newState), errors: errorsOf(r.diagnostics), replace: p.replace };
  }

  async read(type: string, state: Value): Promise<{ obj: Obj | null; errors: string[] }> {
    const r = await this.provider.readResource({ typeName: type, priorState: state });
    return { obj: r.newState.isNull() ? null : toObj(r.newState), errors: errorsOf(r.diagnostics) };
  }

  async importId(type: string, id: string): Promise<{ obj: Obj | null; state: Value; errors: string[] }> {
    const r = await this.provider.importResourceState({ typeName: type, id });
    const first = r.importedResources[0];
    return { obj: first ? toObj(first.state) : null, state: first ? first.state : this.nullState(type), errors: errorsOf(r.diagnostics) };
  }

  async data(type: string, cfg: Obj): Promise<{ obj: Obj | null; errors: string[] }> {
    const schema = this.provider.getSchema().dataSources[type]!;
    const r = await this.provider.readDataSource({ typeName: type, config: fromPlain(cfg, impliedType(schema.block)) });
    return { obj: r.state.isNull() ? null : toObj(r.state), errors: errorsOf(r.diagnostics) };
  }

  async close(): Promise<void> {
    await this.provider.close();
    this.handle?.close();
  }
}

export type { Obj, Plain };
