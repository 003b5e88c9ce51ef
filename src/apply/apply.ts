// The apply walk (Terraform's apply graph walk): every changed instance runs as soon as the instances it
// depends on are done, up to -parallelism at once; a failure stops only its dependents. Each instance's
// configuration is evaluated again with its dependencies' final values and re-planned before the provider
// applies it; each completed change is journaled before it is reported, so kill -9 loses nothing reported.
import { valueType } from "../lang/value-type.js";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Diagnostics, error, type Diagnostic } from "../diag/diagnostic.js";
import { Graph } from "../graph/graph.js";
import { walk, type Completion } from "../graph/walk.js";
import { DynamicType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { impliedType } from "../provider/schema.js";
import { encodeStoredObject } from "../provider/state-object.js";
import { parseAbsResourceInstance } from "../addrs/index.js";
import { checkConditions, configAddr, createBeforeDestroySet, evalOutputs, ownCreateBeforeDestroy, ignoreChanges, ModuleEvaluator, proposedNew, valueToPlainJson, type EngineOptions, type PlannedInstance } from "../engine/plan.js";
import type { Journal } from "../../state/backend.js";
import { idAttribute } from "../plan/plan.js";
import type { OutputState, State } from "../../state/state.js";
import { sameSensitivePaths, typeToJson, withSensitivePathsOf } from "../provider/value-json.js";
import { inConfigBody } from "../engine/in-config-body.js";

export interface ApplyHooks {
  line(text: string): void;
  /** The same progress as structured events, for the -json UI (Terraform's apply hooks). */
  event?(e: ApplyEvent): void;
}

/** One apply hook call: an instance's change started, is still running, completed or errored. */
export interface ApplyEvent {
  readonly addr: string;
  readonly phase: "start" | "progress" | "complete" | "errored";
  readonly action: "create" | "update" | "delete" | "read";
  readonly elapsedSeconds: number;
  /** The `id` attribute shown as `[id=...]`, when known. */
  readonly id?: string;
}

export interface ApplyResult {
  readonly diagnostics: Diagnostics;
  readonly imported: number;
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
  readonly outputs: Map<string, { value: Value; sensitive: boolean }>;
}


function elapsed(start: number): string {
  const s = Math.floor((Date.now() - start) / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}

/** Terraform's error for a change its hooks refused to start once the apply was stopped (the first Ctrl-C). */
const halted = (): Diagnostic => error("execution halted");

export async function applyPlan(opts: EngineOptions, instances: readonly PlannedInstance[], state: State, journal: Journal, hooks: ApplyHooks, parallelism = 10, signal?: AbortSignal): Promise<ApplyResult> {
  const rootEv = new ModuleEvaluator(opts);
  // Each module instance is evaluated by its own evaluator, made on first use below the root's.
  const evs = new Map<string, ModuleEvaluator | null>([["", rootEv]]);
  const evOf = (i: PlannedInstance): ModuleEvaluator | null => {
    let e = evs.get(i.change.module);
    if (e === undefined) {
      const m = parseAbsResourceInstance(i.change.addr).addr?.module;
      evs.set(i.change.module, (e = m ? rootEv.descendant(m) : null));
    }
    return e;
  };
  const diags = new Diagnostics();
  const g = new Graph<PlannedInstance>();
  // By resource (module instance + resource) for values, and by configuration address for dependency edges.
  const byResource = new Map<string, PlannedInstance[]>();
  const byConfig = new Map<string, PlannedInstance[]>();
  const absResource = (i: PlannedInstance): string => (i.change.module ? `${i.change.module}.${i.change.resourceAddr}` : i.change.resourceAddr);
  for (const i of instances) {
    g.add(i.change.addr, i);
    let l = byResource.get(absResource(i));
    if (!l) byResource.set(absResource(i), (l = []));
    l.push(i);
    const ck = configAddr(i.change);
    let c = byConfig.get(ck);
    if (!c) byConfig.set(ck, (c = []));
    c.push(i);
  }
  for (const i of instances) {
    for (const d of i.deps) {
      for (const j of byConfig.get(d) ?? []) {
        if (i.change.action === "delete" && j.change.action === "delete") g.connect(j.change.addr, i.change.addr);
        else if (i.change.action !== "delete") g.connect(i.change.addr, j.change.addr);
      }
    }
  }
  // create_before_destroy as the state records it (config-level addresses): a resource's own, or forced on it
  // by a dependent that has it.
  // The lifecycle argument is a literal (Terraform allows nothing else), so the root evaluates it: asking for
  // each instance's module evaluator here would expand module calls before their locals are known.
  const cbd = createBeforeDestroySet(instances.map((i) => ({ addr: configAddr(i.change), deps: i.deps, own: i.cfg !== undefined && ownCreateBeforeDestroy(rootEv, i.cfg) })));
  // Locals are evaluated lazily on first use by re-running them each time a resource finishes would be costly;
  // they are re-evaluated once per resource completion that they may depend on.
  const remaining = new Map<string, number>();
  const values = new Map<string, Map<string, Value>>();
  for (const [k, l] of byResource) remaining.set(k, l.length);
  const refreshLocals = (ev: ModuleEvaluator): void => {
    for (const [n, l] of ev.opts.config.locals) ev.locals.set(n, ev.eval(l.expr, ev.scope()));
  };
  refreshLocals(rootEv);
  const localsDone = new Set<ModuleEvaluator>([rootEv]);
  const event = (addr: string, phase: ApplyEvent["phase"], action: ApplyEvent["action"], start: number, id?: string): void => {
    hooks.event?.({ addr, phase, action, elapsedSeconds: Math.floor((Date.now() - start) / 1000), ...(id !== undefined ? { id } : {}) });
  };
  let imported = 0;
  let added = 0;
  let changed = 0;
  let destroyed = 0;
  const complete = (i: PlannedInstance, v: Value): void => {
    const rk = absResource(i);
    const ev = evOf(i);
    let m = values.get(rk);
    if (!m) values.set(rk, (m = new Map()));
    m.set(String(i.change.index), v);
    const left = remaining.get(rk)! - 1;
    remaining.set(rk, left);
    if (left === 0 && i.cfg && ev) {
      const list = byResource.get(rk)!.filter((x) => x.change.action !== "delete");
      // count's tuple is in index order whatever order the instances came in (u[2] before u[10]).
      const keys = list.map((x) => x.change.index);
      if (i.cfg.count) keys.sort((a, b) => Number(a) - Number(b));
      let rv: Value;
      if (i.cfg.count) rv = Value.tuple(keys.map((k) => m.get(String(k))!));
      else if (i.cfg.forEach) rv = Value.object(keys.map((k) => [String(k), m.get(String(k))!] as [string, Value]));
      else rv = m.get("undefined") ?? Value.null(DynamicType);
      ev.resourceValues.set(i.change.resourceAddr, rv);
      // A module's outputs are read through to its callers, so their locals may change too.
      for (let m: ModuleEvaluator | undefined = ev; m; m = m.caller?.parent) if (m.opts.config.locals.size > 0) refreshLocals(m);
    }
  };
  const record = async (i: PlannedInstance, obj: Value | null, deps: string[], tainted = false): Promise<Diagnostic | undefined> => {
    const p = parseAbsResourceInstance(i.change.addr);
    let stored = null;
    if (obj && !obj.isNull()) {
      const ev = evOf(i);
      const pe = i.cfg && ev ? await ev.providerFor(i.cfg) : undefined;
      const schema = pe && !("severity" in pe) ? pe.provider.getSchema().resourceTypes[i.change.type] : undefined;
      if (!schema) return error("Invalid resource type", i.change.type);
      const enc = encodeStoredObject(obj, schema, { dependencies: deps, ...(tainted ? { status: "tainted" as const } : {}), ...(cbd.has(configAddr(i.change)) ? { createBeforeDestroy: true } : {}) });
      if ("error" in enc) return error("Failed to encode state", enc.error);
      stored = enc;
    }
    state.setCurrent(p.addr!, i.change.provider, stored ?? undefined);
    await journal.record({ kind: "instance", addr: i.change.addr, provider: i.change.provider, object: stored });
    return undefined;
  };
  const result = await walk(
    g,
    async (i): Promise<readonly Diagnostic[] | Completion> => {
      const c = i.change;
      if (c.action === "read") {
        // A data source the plan could not read yet: read now that what it depends on is applied. The whole
        // resource is read at once (every instance's config is final by now); each instance reports its own.
        const ev = evOf(i) ?? rootEv;
        if (signal?.aborted) return [halted()];
        hooks.line(`${c.addr}: Reading...`);
        const start = Date.now();
        event(c.addr, "start", "read", start);
        const errorsBefore = ev.diagnostics.errors().length;
        await ev.ensureData(`data.${c.type}.${c.name}`);
        if (ev.diagnostics.errors().length > errorsBefore) {
          event(c.addr, "errored", "read", start);
          return ev.diagnostics.errors().slice(errorsBefore);
        }
        const rv = ev.resourceValues.get(`data.${c.type}.${c.name}`);
        const v = rv && c.index !== undefined && rv.isKnown() && !rv.isNull() ? (typeof c.index === "number" ? rv.elements()[c.index] : rv.entries().get(c.index)) : rv;
        const id = v ? idAttribute(v) : undefined;
        hooks.line(`${c.addr}: Read complete after ${elapsed(start)}${id ? ` [id=${id}]` : ""}`);
        event(c.addr, "complete", "read", start, id);
        return [];
      }
      if (c.action === "no-op" && !c.importing) {
        complete(i, c.before);
        return [];
      }
      // Each change starts on an event-loop turn of its own, so journal syncs complete (and their instances are
      // reported) and a Ctrl-C is seen between changes even when the provider answers without I/O.
      await nextTurn();
      if (c.action === "forget") {
        // Only the state lets go of the object: journaled like any change, no provider call, nothing reported.
        if (signal?.aborted) return [halted()];
        const e = await record(i, null, []);
        if (e) return [e];
        complete(i, Value.null(DynamicType));
        return [];
      }
      const ev = evOf(i) ?? rootEv;
      if (!localsDone.has(ev)) {
        localsDone.add(ev);
        refreshLocals(ev);
      }
      const pe = i.cfg ? await ev.providerFor(i.cfg) : await ev.providerFor({ mode: "managed", type: c.type, name: c.name } as Parameters<typeof ev.providerFor>[0]);
      if ("severity" in pe) return [pe];
      await pe.configured;
      const schema = pe.provider.getSchema().resourceTypes[c.type]!;
      const nullObj = Value.null(impliedType(schema.block));
      const deps = [...i.deps].sort();
      const [uBefore] = c.before.unmarkDeep();
      if (c.importing) {
        // An import block's object enters the state first; its planned change (if any) follows.
        if (signal?.aborted) return [halted()];
        hooks.line(`${c.addr}: Importing... [id=${c.importing.id}]`);
        const e = await record(i, c.before, deps);
        if (e) return [e];
        hooks.line(`${c.addr}: Import complete [id=${c.importing.id}]`);
        imported++;
        if (c.action === "no-op") {
          complete(i, c.before);
          return [];
        }
      }
      if (c.action === "delete" || c.action === "delete-then-create") {
        const id = idAttribute(c.before);
        if (signal?.aborted) return [halted()];
        hooks.line(`${c.addr}: Destroying...${id ? ` [id=${id}]` : ""}`);
        const start = Date.now();
        event(c.addr, "start", "delete", start, id);
        const r = await pe.provider.applyResourceChange({ typeName: c.type, priorState: uBefore, plannedState: nullObj, config: nullObj });
        if (r.diagnostics.some((d) => d.severity === "error")) {
          event(c.addr, "errored", "delete", start);
          return inConfigBody(r.diagnostics, i.cfg?.config, c.addr);
        }
        const recorded = record(i, null, deps);
        const destroyedNow = async (): Promise<Diagnostic | undefined> => {
          const e = await recorded;
          if (e) return e;
          hooks.line(`${c.addr}: Destruction complete after ${elapsed(start)}`);
          event(c.addr, "complete", "delete", start);
          destroyed++;
          return undefined;
        };
        if (c.action === "delete") {
          const completion = destroyedNow().then((e) => {
            if (e) return [e];
            complete(i, nullObj);
            return [...r.diagnostics];
          });
          return { completion };
        }
        const e = await destroyedNow();
        if (e) return [e];
      }
      // create, update, or the create half of a replace: evaluate the configuration with final values.
      const errorsBeforeData = ev.diagnostics.errors().length;
      const prefix = ev.configPrefix();
      for (const d of deps) if (d.startsWith(prefix + "data.")) await ev.ensureData(d.slice(prefix.length));
      if (ev.diagnostics.errors().length > errorsBeforeData) return ev.diagnostics.errors().slice(errorsBeforeData);
      const scope = ev.scope({ ...(i.countIndex !== undefined ? { countIndex: i.countIndex } : {}), ...(i.each ? { each: i.each } : {}) });
      const before = ev.diagnostics.length;
      const pre = checkConditions(ev, i.cfg!, scope, "precondition");
      if (pre.length) return pre;
      let cv = ev.configValue(i.cfg!, schema, scope);
      if (c.action === "update" && i.cfg!.lifecycle.ignoreChanges) cv = ignoreChanges(i.cfg!.lifecycle.ignoreChanges, cv, c.before);
      const evalDiags = ev.diagnostics.errors().slice(0);
      if (ev.diagnostics.length > before && evalDiags.length) return evalDiags;
      const prior = c.action === "update" ? c.before : nullObj;
      const [uPrior] = prior.unmarkDeep();
      const [uConfig] = cv.unmarkDeep();
      const [uProposed] = proposedNew(schema, prior, cv).unmarkDeep();
      const creating = c.action !== "update";
      // A create a killed run left unsettled hands the provider its private data again (its idempotency token),
      // so the provider finds the object that run made instead of making a second one.
      const intent = creating ? state.createIntents.get(c.addr) : undefined;
      const priorPrivate = intent?.private;
      const planned = await pe.provider.planResourceChange({ typeName: c.type, priorState: uPrior, proposedNewState: uProposed, config: uConfig, ...(priorPrivate !== undefined ? { priorPrivate } : {}) });
      if (planned.diagnostics.some((d) => d.severity === "error")) return inConfigBody(planned.diagnostics, i.cfg?.config, c.addr);
      // An update whose inputs turned out unchanged (a replaced dependency came back the same) is skipped, as
      // Terraform skips a change that re-plans to no-op at apply time.
      if (!creating && planned.plannedState.rawEquals(uPrior) && sameSensitivePaths(withSensitivePathsOf(planned.plannedState, cv), prior)) {
        complete(i, c.before);
        return [];
      }
      if (creating && planned.plannedPrivate !== undefined) {
        const pp = planned.plannedPrivate;
        state.createIntents.set(c.addr, { provider: c.provider, private: pp });
        await journal.record({ kind: "create-intent", addr: c.addr, provider: c.provider, private: pp });
      }
      const id = idAttribute(c.before);
      if (signal?.aborted) return [halted()];
      hooks.line(creating ? `${c.addr}: Creating...` : `${c.addr}: Modifying...${id ? ` [id=${id}]` : ""}`);
      const start = Date.now();
      const action = creating ? "create" : "update";
      event(c.addr, "start", action, start, creating ? undefined : id);
      // Terraform's "Still creating... [10s elapsed]" every 10 seconds of a slow call.
      const still = setInterval(() => {
        hooks.line(`${c.addr}: Still ${creating ? "creating" : "modifying"}...${!creating && id ? ` [id=${id}, ${elapsed(start)} elapsed]` : ` [${elapsed(start)} elapsed]`}`);
        event(c.addr, "progress", action, start);
      }, 10_000);
      const applied = await pe.provider.applyResourceChange({ typeName: c.type, priorState: uPrior, plannedState: planned.plannedState, config: uConfig, ...(planned.plannedPrivate !== undefined ? { plannedPrivate: planned.plannedPrivate } : {}) }).finally(() => clearInterval(still));
      const r = { ...applied, newState: withSensitivePathsOf(applied.newState, cv) };
      const failed = r.diagnostics.some((d) => d.severity === "error");
      // A create that failed once its object existed leaves that object tainted: the next plan replaces it.
      const recorded = r.newState.isNull() ? undefined : record(i, r.newState, deps, creating && failed);
      const finish = async (): Promise<readonly Diagnostic[]> => {
        const e = await recorded;
        if (e) return [e];
        if (failed) {
          event(c.addr, "errored", action, start);
          return inConfigBody(r.diagnostics, i.cfg?.config, c.addr);
        }
        const nid = idAttribute(r.newState);
        // A failed postcondition keeps the new object in state but stops what depends on it (as Terraform).
        const post = checkConditions(ev, i.cfg!, ev.scope({ ...(i.countIndex !== undefined ? { countIndex: i.countIndex } : {}), ...(i.each ? { each: i.each } : {}), self: r.newState }), "postcondition");
        hooks.line(creating ? `${c.addr}: Creation complete after ${elapsed(start)}${nid ? ` [id=${nid}]` : ""}` : `${c.addr}: Modifications complete after ${elapsed(start)}${nid ? ` [id=${nid}]` : ""}`);
        event(c.addr, "complete", action, start, nid);
        if (creating) added++;
        else changed++;
        if (post.length) return post;
        if (c.action === "create-then-delete") {
          // The old object was deposed by the create; destroy it now (nothing recorded points at it any more).
          const deposed = Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, "0");
          hooks.line(`${c.addr} (deposed object ${deposed}): Destroying...${id ? ` [id=${id}]` : ""}`);
          const ds = Date.now();
          const d = await pe.provider.applyResourceChange({ typeName: c.type, priorState: uBefore, plannedState: nullObj, config: nullObj });
          if (d.diagnostics.some((x) => x.severity === "error")) return inConfigBody(d.diagnostics, i.cfg?.config, c.addr);
          hooks.line(`${c.addr} (deposed object ${deposed}): Destruction complete after ${elapsed(ds)}`);
          destroyed++;
        }
        complete(i, r.newState);
        return [...r.diagnostics];
      };
      // Once the provider's calls are done, the wait for the journal record to be durable needs no slot of
      // -parallelism: the next ready instance takes the slot meanwhile, and several records share one fsync.
      // What depends on this instance (and its "complete" line) still waits for the record. Destroying a
      // deposed object is a provider call, so that keeps the slot.
      return c.action === "create-then-delete" ? finish() : { completion: finish() };
    },
    { concurrency: parallelism, ...(signal ? { signal } : {}), name: (k) => k },
  );
  diags.append(result.diagnostics);
  // After a stop, each instance that was ready to start but never did fails with Terraform's "execution
  // halted" (its hooks refuse to run); what waited on it is skipped silently, as after any failure.
  if (signal?.aborted) {
    for (const [k, s] of result.status) {
      if (s === "stopped" && g.dependencies(k).every((d) => result.status.get(d) === "succeeded")) diags.append([halted()]);
    }
  }
  // A targeted apply leaves the outputs as they were: Terraform's targeting prunes them from the walk.
  if (opts.targets?.length) return { diagnostics: diags, imported, added, changed, destroyed, outputs: new Map() };
  // Root outputs, from the final values.
  const seen = rootEv.diagnostics.length;
  const outputs = opts.destroy ? new Map<string, { value: Value; sensitive: boolean }>() : evalOutputs(rootEv);
  // Output preconditions (and evaluation errors) found only now that every value is final.
  diags.append([...rootEv.diagnostics].slice(seen).filter((d) => d.severity === "error"));
  if (opts.destroy) for (const n of [...state.outputs.keys()]) state.setOutput(n, undefined);
  for (const [name, o] of outputs) {
    const [u] = o.value.unmarkDeep();
    if (!u.isWhollyKnown()) {
      state.setOutput(name, undefined);
      continue;
    }
    const out: OutputState = { value: valueToPlainJson(u), type: typeToJson(valueType(u)), ...(o.sensitive ? { sensitive: true } : {}) };
    state.setOutput(name, out);
  }
  for (const n of [...state.outputs.keys()]) if (!opts.destroy && !outputs.has(n)) state.setOutput(n, undefined);
  return { diagnostics: diags, imported, added, changed, destroyed, outputs };
}
