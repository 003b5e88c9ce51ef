// What plan, apply and destroy share (Terraform's backend "local" operation): load the configuration and
// variables, lock and read the state, plan, and for apply ask for approval, walk the changes, journal each
// one, write the state and print the outputs. The commands differ only in flags and wording.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { plannedActions, readPlanFile, savedVariables, writePlanFile, type SavedPlan } from "../../plan/plan-file.js";
import { printHelpHint, println, type CliContext, type FlagSpec, type ParsedArgs } from "../command.js";
import { lineBuffer } from "../line-buffer.js";
import { Diagnostics, error, warning, type Diagnostic } from "../../diag/diagnostic.js";
import { loadConfig } from "../../config/load.js";
import { validateSemantics } from "../../config/semantic.js";
import { moduleVariableValidations } from "../../engine/module-validations.js";
import { wrapText, writeDiagnostics } from "../render-diagnostics.js";
import type { GeneratedConfig } from "../../engine/import.js";
import { collectVariableValues, type VariableArg } from "../../config/variables.js";
import { promptedVariables } from "../prompt-variables.js";
import { planModule } from "../../engine/plan.js";
import { applyPlan, type ApplyEvent } from "../../apply/apply.js";
import { checkModuleTree } from "../../engine/module-source.js";
import { configCycles } from "../../engine/operation-graph.js";
import { renderPlan } from "../views/plan.js";
import { colorize, horizontalRule } from "../views/color.js";
import { inputPrompt } from "../views/input-prompt.js";
import { hookLine } from "../views/hook-ui.js";
import { planSchemas } from "./validate.js";
import { applyMoves } from "../../engine/moved.js";
import { FORGET_WARNING, planRefreshScope, removedStillDeclared } from "../../engine/removed.js";
import { renderOutputs } from "../views/outputs.js";
import { LocalBackend } from "../../../state/local/backend.js";
import { State } from "../../../state/state.js";
import { parseDuration } from "../../../state/duration.js";
import { planCounts } from "../../plan/plan.js";
import { parseAbsResourceInstance, parseTarget, type AbsResourceInstance } from "../../addrs/index.js";
import { JsonSink } from "../views/json/sink.js";
import { TFSIM_VERSION } from "../version.js";
import { resourceAddr } from "../views/json/events.js";
import { changeAddr, jsonChange, plannedOutputs, stateOutputs } from "../views/json/plan-events.js";

export const PRODUCT = "tfsim";

export const operationFlags: Record<string, FlagSpec> = {
  var: { type: "string", repeatable: true },
  "var-file": { type: "string", repeatable: true },
  input: { type: "boolean", default: true },
  lock: { type: "boolean", default: true },
  "lock-timeout": { type: "string", default: "0s" },
  parallelism: { type: "number", default: 10 },
  refresh: { type: "boolean", default: true },
  "detailed-exitcode": { type: "boolean" },
  "compact-warnings": { type: "boolean" },
  "refresh-only": { type: "boolean" },
  destroy: { type: "boolean" },
  "auto-approve": { type: "boolean" },
  target: { type: "string", repeatable: true },
  replace: { type: "string", repeatable: true },
  state: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
};

function varArgs(argv: readonly string[]): VariableArg[] {
  // -var and -var-file interleave in command-line order; the flag parser keeps them apart, so recover order.
  const out: VariableArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!.replace(/^--?/, "-");
    const m = /^-(var|var-file)(?:=(.*))?$/s.exec(a);
    if (!m) continue;
    const val = m[2] ?? argv[++i] ?? "";
    out.push(m[1] === "var" ? { kind: "var", raw: val } : { kind: "var-file", path: val });
  }
  return out;
}

function readLine(ctx: CliContext): Promise<string> {
  return new Promise((res) => {
    let buf = "";
    const onData = (d: Buffer | string): void => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) done(buf.slice(0, nl));
    };
    const done = (s: string): void => {
      ctx.stdin.off("data", onData);
      ctx.stdin.off("end", onEnd);
      ctx.stdin.pause();
      res(s.trim());
    };
    const onEnd = (): void => done(buf);
    ctx.stdin.on("data", onData);
    ctx.stdin.on("end", onEnd);
    ctx.stdin.resume();
  });
}

/** Writes the blocks -generate-config-out generated, as Terraform lays out its file; true once written. */
function writeGeneratedConfig(path: string, generated: ReadonlyMap<string, GeneratedConfig>): boolean {
  const blocks = [...generated.keys()].sort().map((addr) => `# __generated__ by ${PRODUCT} from ${JSON.stringify(generated.get(addr)!.id)}\n${generated.get(addr)!.text}`);
  writeFileSync(path, `# __generated__ by ${PRODUCT}\n# Please review these resources and move them into your main configuration files.\n\n${blocks.join("\n")}`);
  return true;
}

export async function runOperation(kind: "plan" | "apply" | "destroy" | "refresh", args: ParsedArgs, ctx: CliContext, argv: readonly string[]): Promise<number> {
  const io = { stdout: ctx.stdout, stderr: ctx.stderr, color: ctx.color };
  // -json: Terraform's machine-readable lines on stdout instead of the human text (and never a prompt).
  const sink = args.flags.json === true ? new JsonSink(ctx.stdout) : undefined;
  const cz = colorize(ctx.color && !sink);
  const report = (d: Iterable<Diagnostic>): void => {
    if (sink) for (const x of d) sink.diagnostic(x);
    else writeDiagnostics(io, d);
  };
  const fail = (d: Iterable<Diagnostic>): number => {
    report(d);
    return 1;
  };
  sink?.version(PRODUCT, TFSIM_VERSION);
  // Positional arguments: apply's plan file, nothing else (Terraform's argument parsing, before the rest).
  const extra = kind === "plan" || kind === "refresh" ? args.positionals.length : kind === "apply" ? args.positionals.length - 1 : 0;
  if (extra > 0) {
    report([error("Too many command line arguments", kind === "plan" ? "To specify a working directory for the plan, use the global -chdir flag." : "Expected at most one positional argument.")]);
    if (!sink) printHelpHint(ctx.stderr, kind);
    return 1;
  }
  if (kind === "destroy" && args.positionals.length > 0 && !existsSync(resolve(ctx.cwd, args.positionals[0]!))) {
    return fail([error(`Failed to load ${JSON.stringify(args.positionals[0])} as a plan file`, `Error: stat ${args.positionals[0]}: no such file or directory`)]);
  }
  // -target and -replace are addresses, checked before anything else as Terraform's argument parsing does.
  const addressErrors: Diagnostic[] = [];
  for (const t of Array.isArray(args.flags.target) ? args.flags.target : []) {
    const p = parseTarget(t);
    for (const d of p.diagnostics.errors()) addressErrors.push(error(`Invalid target ${JSON.stringify(t)}`, d.detail));
  }
  for (const r of Array.isArray(args.flags.replace) ? args.flags.replace : []) {
    const p = parseTarget(r);
    const detail = p.addr && p.addr.kind === "module" ? "A resource instance address is required here. The module path must be followed by a resource instance specification." : p.diagnostics.errors()[0]?.detail;
    if (detail !== undefined) addressErrors.push(error(`Invalid force-replace address ${JSON.stringify(r)}`, detail));
  }
  if (addressErrors.length) {
    report(addressErrors);
    if (!sink) printHelpHint(ctx.stderr, kind);
    return 1;
  }
  if (sink && (kind === "apply" || kind === "destroy") && args.flags["auto-approve"] !== true && args.positionals.length === 0) {
    return fail([error("Plan file or auto-approve required", "Terraform cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.")]);
  }
  let destroy = kind === "destroy" || args.flags.destroy === true;
  const dir = ctx.cwd;
  const genOut = kind === "plan" && typeof args.flags["generate-config-out"] === "string" ? args.flags["generate-config-out"] : undefined;
  if (genOut !== undefined && existsSync(resolve(dir, genOut))) {
    return fail([error("Target generated file already exists", `${PRODUCT} can only write generated config into a new file. Either choose a different target location or move all existing configuration out of the target file, delete it and try again.`)]);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return fail([error("Failed to read module directory", `Module directory ${dir} does not exist or cannot be read.`)]);
  const loaded = loadConfig(dir, ".");
  if (loaded.diagnostics.some((d) => d.severity === "error")) return fail(loaded.diagnostics);
  // An empty directory would plan to destroy everything: Terraform refuses unless that is what was asked for.
  if (loaded.files.length === 0 && !destroy && (kind === "plan" || (kind === "apply" && args.positionals.length === 0))) {
    const detail =
      kind === "plan"
        ? `Plan requires configuration to be present. Planning without a configuration would mark everything for destruction, which is normally not what is desired. If you would like to destroy everything, run plan with the -destroy option. Otherwise, create a ${PRODUCT} configuration file (.tf file) and try again.`
        : `Apply requires configuration to be present. Applying without a configuration would mark everything for destruction, which is normally not what is desired. If you would like to destroy everything, run '${PRODUCT.toLowerCase()} destroy' instead.`;
    return fail([error("No configuration files", detail)]);
  }
  const moduleDiags = checkModuleTree(dir, loaded.config);
  if (moduleDiags.length) return fail(moduleDiags);
  // Terraform validates the whole configuration before it refreshes or plans anything.
  const semantic = validateSemantics(loaded.config, dir);
  const invalid = semantic.some((d) => d.severity === "error") ? semantic : [...semantic, ...moduleVariableValidations(dir, loaded.config)];
  if (invalid.some((d) => d.severity === "error")) return fail([...loaded.diagnostics, ...invalid]);
  const cycles = configCycles(dir, loaded.config);
  if (cycles.length) return fail(cycles);
  // A -refresh-only plan does not look at removed blocks (the refresh command does).
  const stillDeclared = args.flags["refresh-only"] === true ? [] : removedStillDeclared(dir, loaded.config);
  if (stillDeclared.length) return fail(stillDeclared);
  let saved: SavedPlan | undefined;
  if (kind === "apply" && args.positionals.length > 0) {
    const s = readPlanFile(resolve(dir, args.positionals[0]!));
    if (typeof s === "string") return fail([error("Failed to load the plan file", s)]);
    saved = s;
  }
  // Required variables nothing sets are asked for on a terminal and then given as -var would be.
  const prompted = saved ? new Map<string, string>() : await promptedVariables(loaded.config, dir, ctx, varArgs(argv), args.flags.input !== false);
  const vars = saved
    ? { values: savedVariables(saved), diagnostics: [] as Diagnostic[] }
    : collectVariableValues(loaded.config, { dir, env: ctx.env, args: varArgs(argv), prompted, missing: "error" });
  // A value that could not be prepared (its type, a null for a non-nullable variable) fails in Terraform's walk,
  // beside everything else the plan reports; errors reading the values (a bad -var, a missing file) stop here.
  const preparation = new Set("preparation" in vars ? vars.preparation : []);
  if (vars.diagnostics.some((d) => d.severity === "error" && !preparation.has(d))) return fail(vars.diagnostics);


  const backend = new LocalBackend(typeof args.flags.state === "string" ? args.flags.state : "terraform.tfstate", { cwd: dir });
  let lockId: string | undefined;
  if (args.flags.lock !== false) {
    const t = parseDuration(String(args.flags["lock-timeout"] ?? "0s"));
    const lr = await backend.lock({ operation: kind === "plan" ? "OperationTypePlan" : "OperationTypeApply", timeoutMs: typeof t === "number" ? t : 0 });
    if (!lr.id) return fail(lr.diagnostics);
    lockId = lr.id;
    report(lr.diagnostics);
  }
  const controller = new AbortController();
  let interrupts = 0;
  // Terraform's interrupt story: the first Ctrl-C starts nothing new, lets the running calls finish and
  // saves the state (the stopped instances report "execution halted"); a second one exits at once, the
  // journal already holding every completed change. During planning the first one lets the plan finish
  // and show, then stops with "execution halted" before anything is applied.
  let applying = false;
  // The apply's progress lines; flushed before anything else is written while it runs.
  const progress = lineBuffer(ctx.stdout);
  const onSigint = (): void => {
    interrupts++;
    progress.flush();
    if (interrupts === 1) {
      // Terraform's JSON view logs the same text, newlines and all, then "Stopping operation...".
      const text = `\nInterrupt received.\nPlease wait for ${PRODUCT} to exit or data loss may occur.\nGracefully shutting down...\n`;
      if (sink) (sink.log(text), applying && sink.log("Stopping operation..."));
      else println(ctx.stdout, applying ? `${text}\nStopping operation...` : text);
      controller.abort();
      return;
    }
    if (sink) sink.log("\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n");
    else println(ctx.stderr, "\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.");
    report([error("operation canceled")]);
    const exit = (): never => process.exit(1);
    if (lockId) void backend.unlock(lockId).then(exit, exit);
    else exit();
  };
  process.on("SIGINT", onSigint);
  try {
    const got = await backend.get();
    if (got.diagnostics.hasErrors()) return fail(got.diagnostics);
    const state = got.state ?? State.empty();
    // A plan made with no state yet stays valid only while there is still none.
    const stateLineage = got.state ? state.lineage : "";
    const stateSerial = got.state ? state.serial : 0;
    const moved = applyMoves(loaded.config, state);
    const targets = saved ? [...saved.targets] : Array.isArray(args.flags.target) ? args.flags.target : [];
    // Every object in state is refreshed before planning (Terraform refreshes each as its walk reaches it, so a
    // plan that fails early lists fewer). A saved plan's apply is silent.
    if (args.flags.refresh !== false && !saved) {
      // Objects a `removed` block forgets are not read, in a destroy plan either (as Terraform).
      const inScope = planRefreshScope(dir, loaded.config, targets, args.flags["refresh-only"] === true) ?? ((): boolean => true);
      for (const i of state.instances()) {
        if (!inScope(i.addr)) continue;
        const id = i.current?.attributes.id;
        if (sink) {
          const idAttr = typeof id === "string" ? { key: "id", value: id } : undefined;
          sink.refreshStart(jsonResourceAddr(i.addr), idAttr);
          sink.refreshComplete(jsonResourceAddr(i.addr), idAttr);
        } else println(ctx.stdout, hookLine(`${i.addr.toString()}: Refreshing state...${typeof id === "string" ? ` [id=${id}]` : ""}`, cz));
      }
    }
    // A data resource read during plan: Terraform's "Reading..." and "Read complete after 0s [id=...]".
    const onDataRead = (addr: string, phase: "start" | "complete", id: string | undefined): void => {
      if (saved) return;
      if (sink) {
        const r = jsonResourceAddr(parseAbsResourceInstance(addr).addr!);
        const idAttr = id !== undefined ? { key: "id", value: id } : undefined;
        if (phase === "start") sink.applyStart(r, "read", idAttr);
        else sink.applyComplete(r, "read", 0, idAttr);
      } else println(ctx.stdout, hookLine(phase === "start" ? `${addr}: Reading...` : `${addr}: Read complete after 0s${id !== undefined ? ` [id=${id}]` : ""}`, cz));
    };
    const replace = new Set(saved ? saved.replace : Array.isArray(args.flags.replace) ? args.flags.replace : []);
    if (saved) {
      destroy = saved.mode === "destroy";
      if (saved.lineage !== stateLineage || saved.serial !== stateSerial) {
        return fail([error("Saved plan is stale", `The given plan file can no longer be applied because the state was changed by another operation after the plan was created.`)]);
      }
    }
    const refreshOnly = args.flags["refresh-only"] === true || kind === "refresh" || saved?.mode === "refresh-only";
    if (kind === "refresh" && state.resources.size === 0) {
      report([warning("Empty or non-existent state", "There are currently no remote objects tracked in the state, so there is nothing to refresh.")]);
      return 0;
    }
    const par = typeof args.flags.parallelism === "number" ? args.flags.parallelism : 10;
    // An import block's object read during plan is reported as Terraform reports it (a saved plan's apply is silent).
    const onImport = (addr: string, importId: string, objectId: string | undefined): void => {
      if (saved) return;
      if (sink) {
        const r = jsonResourceAddr(parseAbsResourceInstance(addr).addr!);
        const idAttr = objectId !== undefined ? { key: "id", value: objectId } : undefined;
        sink.refreshStart(r, idAttr);
        sink.refreshComplete(r, idAttr);
        return;
      }
      println(ctx.stdout, hookLine(`${addr}: Preparing import... [id=${importId}]`, cz));
      println(ctx.stdout, hookLine(`${addr}: Refreshing state...${objectId !== undefined ? ` [id=${objectId}]` : ""}`, cz));
    };
    const engineOpts = { dir, config: loaded.config, state, variables: vars.values, ...("ranges" in vars ? { variableRanges: vars.ranges, invalidVariables: vars.invalid, variableDiagnostics: vars.diagnostics } : {}), destroy, replace, targets, refresh: saved ? saved.refresh !== false : args.flags.refresh !== false, refreshOnly, refreshCommand: kind === "refresh", parallelism: par, moved, onImport, onDataRead, ...(genOut !== undefined ? { generateConfigOut: genOut } : {}) };
    const planned = await planModule(engineOpts);
    // -generate-config-out: the generated blocks are written even when the plan then fails, as Terraform does.
    const generatedNote = genOut !== undefined && planned.generated?.size ? writeGeneratedConfig(resolve(dir, genOut), planned.generated) : undefined;
    if (generatedNote) planned.diagnostics.append(warning("Config generation is experimental", "Generating configuration during import is currently experimental, and the generated configuration format may change in future versions."));
    if (planned.diagnostics.hasErrors() || !planned.plan) {
      // Terraform shows what it did plan before the errors, when that is something.
      if (sink) {
        const shown = (planned.plan?.changes ?? []).filter((c) => c.action !== "no-op" || c.importing);
        for (const c of shown) sink.plannedChange(jsonChange(c));
        // A plan the walk produced is summed up, as the human view shows it: always for plan, for apply when it has changes.
        if (planned.plan && (kind === "plan" || shown.length > 0)) {
          const n = planCounts(planned.plan.changes);
          sink.changeSummary({ add: n.add, change: n.change, import: n.import, remove: n.destroy, operation: "plan" });
        }
      } else if (planned.plan && (planned.plan.changes.some((c) => c.action !== "no-op" || c.importing) || planned.plan.outputChanges.some((o) => o.action !== "no-op"))) ctx.stdout.write(renderPlan(planned.plan, PRODUCT, true, await planSchemas(planned.plan), cz));
      // apply and destroy show a failed plan only when it has changes; plan always says it failed.
      else if (kind === "plan") ctx.stdout.write(cz.color(`\n[reset][bold][red]Planning failed.[reset][bold] ${PRODUCT} encountered an error while generating this plan.[reset]\n\n`));
      return fail(planned.diagnostics);
    }
    if (refreshOnly) {
      // Refresh only: report every drifted object and, on apply, accept the refreshed objects into the state.
      const plan = planned.plan;
      if (kind === "refresh") {
        report(planned.diagnostics);
        await backend.put(plan.priorState);
        if (sink) sink.outputs(stateOutputs(plan.priorState));
        else ctx.stdout.write(renderOutputs(plan.priorState, cz));
        return 0;
      }
      if (sink) {
        for (const c of plan.drift) sink.resourceDrift(jsonChange(c));
        if (!saved) {
          sink.changeSummary({ add: 0, change: 0, import: 0, remove: 0, operation: "plan" });
          if (plan.priorState.outputs.size > 0) sink.outputs(Object.fromEntries([...plan.priorState.outputs].map(([n, o]) => [n, { sensitive: o.sensitive === true, action: "noop" as const }])));
        }
      } else if (!saved) ctx.stdout.write(renderPlan(plan, PRODUCT, false, await planSchemas(plan), cz));
      report(planned.diagnostics);
      // -detailed-exitcode: 2 exactly when drift was found (not hashicorp/terraform#35117).
      if (kind === "plan") {
        if (typeof args.flags.out === "string") {
          writePlanFile(resolve(dir, args.flags.out), plan, [], stateLineage, stateSerial, args.flags.refresh !== false);
          if (!sink)
            println(ctx.stdout, `${horizontalRule(cz)}\n\nSaved the plan to: ${args.flags.out}\n\nTo perform exactly these actions, run the following command to apply:\n    ${PRODUCT} apply ${JSON.stringify(args.flags.out)}`);
        } else if (plan.applyable && !sink) println(ctx.stdout, `${horizontalRule(cz)}\n\nNote: You didn't use the -out option to save this plan, so ${PRODUCT} can't\nguarantee to take exactly these actions if you run "${PRODUCT} apply" now.`);
        return args.flags["detailed-exitcode"] === true && plan.drift.length > 0 ? 2 : 0;
      }
      if (plan.drift.length > 0 && args.flags["auto-approve"] !== true && !saved && !sink) {
        if (args.flags.input === false) return fail([error("error asking for approval: EOF")]);
        ctx.stdout.write(inputPrompt(cz, `\nWould you like to update the ${PRODUCT} state to reflect these detected changes?`, [`${PRODUCT} will write these changes to the state without modifying any real infrastructure.`, "There is no undo. Only 'yes' will be accepted to confirm."]));
        const answer = await readLine(ctx);
        println(ctx.stdout);
        if (answer !== "yes") {
          ctx.stdout.write("Apply cancelled.\n");
          return 1;
        }
      }
      const putDiags = await backend.put(plan.priorState);
      if ([...putDiags].some((d) => d.severity === "error")) return fail(putDiags);
      if (sink) {
        sink.changeSummary({ add: 0, change: 0, import: 0, remove: 0, operation: "apply" });
        sink.outputs(stateOutputs(plan.priorState));
        return 0;
      }
      ctx.stdout.write(cz.color(`[reset][bold][green]\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\n`));
      ctx.stdout.write(renderOutputs(plan.priorState, cz));
      return 0;
    }
    const plan = planned.plan;
    if (saved) {
      const now = plannedActions(plan.changes);
      if (JSON.stringify(Object.entries(now).sort()) !== JSON.stringify(Object.entries(saved.actions).sort())) {
        return fail([error("Saved plan does not match the configuration", `The configuration changed after the plan was created, so the saved plan cannot be applied exactly. Run "${PRODUCT} plan" again.`)]);
      }
    }
    // The refreshed state is what apply starts from and persists.
    const applyState = planned.refreshedState ?? plan.priorState;
    // With no question to ask, the journal opens (a snapshot write and the journal's own, each synced) while the
    // plan is shown.
    const opening = kind !== "plan" && (args.flags["auto-approve"] === true || saved) ? backend.openJournal(applyState) : undefined;
    opening?.catch(() => undefined); // awaited below; an early return must not leave it an unhandled rejection
    if (sink) {
      for (const c of plan.drift) sink.resourceDrift(jsonChange(c));
      for (const c of plan.changes) if (c.action !== "no-op" || c.importing) sink.plannedChange(jsonChange(c));
      if (!saved) {
        const n = planCounts(plan.changes);
        sink.changeSummary({ add: n.add, change: n.change, import: n.import, remove: n.destroy, operation: "plan" });
        if (plan.outputChanges.length > 0) sink.outputs(plannedOutputs(plan.outputChanges));
      }
    } else ctx.stdout.write(saved ? "" : renderPlan(plan, PRODUCT, false, await planSchemas(plan), cz));
    if (controller.signal.aborted) return fail([error("execution halted")]);
    // Terraform shows an apply's planning warnings once, after the apply.
    if (kind === "plan") report(planned.diagnostics);
    if (kind === "plan") {
      const generatedText = generatedNote && !sink ? `${horizontalRule(cz)}\n\n${wrapText(`${PRODUCT} has generated configuration and written it to ${genOut}. Please review the configuration and edit it as necessary before adding it to version control.`, 77)}` : "";
      if (generatedText) ctx.stdout.write(generatedText + "\n");
      const rule = generatedText ? "" : `${horizontalRule(cz)}\n`;
      if (typeof args.flags.out === "string") {
        writePlanFile(resolve(dir, args.flags.out), plan, [...replace], stateLineage, stateSerial, args.flags.refresh !== false);
        if (!sink)
          println(ctx.stdout, `${rule}\nSaved the plan to: ${args.flags.out}\n\nTo perform exactly these actions, run the following command to apply:\n    ${PRODUCT} apply ${JSON.stringify(args.flags.out)}`);
      } else if (plan.applyable && !sink) {
        println(ctx.stdout, `${rule}\nNote: You didn't use the -out option to save this plan, so ${PRODUCT} can't\nguarantee to take exactly these actions if you run "${PRODUCT} apply" now.`);
      }
      return args.flags["detailed-exitcode"] === true && plan.applyable ? 2 : 0;
    }
    // Terraform shows the plan's warnings before asking for approval (so they weigh on the answer), then not again.
    let warned = false;
    if (plan.applyable && args.flags["auto-approve"] !== true && !saved) {
      report(planned.diagnostics);
      warned = true;
      if (args.flags.input === false) return fail([error("error asking for approval: EOF")]);
      if (destroy) ctx.stdout.write(inputPrompt(cz, "\nDo you really want to destroy all resources?", [`${PRODUCT} will destroy all your managed infrastructure, as shown above.`, "There is no undo. Only 'yes' will be accepted to confirm."]));
      else ctx.stdout.write(inputPrompt(cz, "\nDo you want to perform these actions?", [`${PRODUCT} will perform the actions described above.`, "Only 'yes' will be accepted to approve."]));
      const answer = await readLine(ctx);
      println(ctx.stdout);
      if (answer !== "yes") {
        ctx.stdout.write(destroy ? "Destroy cancelled.\n" : "Apply cancelled.\n");
        return 1;
      }
    }
    const journal = await (opening ?? backend.openJournal(applyState));
    applying = true;
    const byAddr = new Map(plan.changes.map((c) => [c.addr, c]));
    const hooks = sink
      ? {
          line: (): void => undefined,
          event: (e: ApplyEvent): void => {
            const c = byAddr.get(e.addr);
            if (!c) return;
            const r = changeAddr(c);
            const id = e.id !== undefined ? { key: "id", value: e.id } : undefined;
            if (e.phase === "start") sink.applyStart(r, e.action, id);
            else if (e.phase === "progress") sink.applyProgress(r, e.action, e.elapsedSeconds);
            else if (e.phase === "complete") sink.applyComplete(r, e.action, e.elapsedSeconds, id);
            else sink.applyErrored(r, e.action, e.elapsedSeconds);
          },
        }
      : { line: (l: string): void => progress.line(hookLine(l, cz)) };
    const res = await applyPlan({ ...engineOpts, state: applyState, dataValues: planned.dataValues }, planned.instances, applyState, journal, hooks, par, controller.signal);
    progress.flush();
    await journal.close();
    const putDiags = await backend.put(applyState);
    // Applying a saved plan does not warn again about the objects it forgets (Terraform warned at plan time).
    const planDiags = warned ? [] : saved ? [...planned.diagnostics].filter((d) => d.summary !== FORGET_WARNING) : [...planned.diagnostics];
    const all = new Diagnostics([...planDiags, ...res.diagnostics, ...putDiags]);
    if (targets.length > 0)
      all.append(
        warning(
          "Applied changes may be incomplete",
          `The plan was created with the -target option in effect, so some changes requested in the configuration may have been ignored and the output values may not be fully updated. Run the following command to verify that no other changes are pending:\n    ${PRODUCT} plan\n\nNote that the -target option is not suitable for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when ${PRODUCT} specifically suggests to use it as part of an error message.`,
        ),
      );
    // Only the destroy command reports "Destroy complete!"; `apply -destroy` reports as any apply, outputs too.
    const destroyView = kind === "destroy";
    if (all.hasErrors()) return fail(all);
    report(all);
    if (sink) {
      sink.changeSummary({ add: res.added, change: res.changed, import: res.imported, remove: res.destroyed, operation: destroyView ? "destroy" : "apply" });
      if (!destroyView) sink.outputs(stateOutputs(applyState));
      return 0;
    }
    if (destroyView) ctx.stdout.write(cz.color(`[reset][bold][green]\nDestroy complete! Resources: ${res.destroyed} destroyed.\n`));
    else ctx.stdout.write(cz.color(`[reset][bold][green]\nApply complete! Resources: ${res.imported > 0 ? `${res.imported} imported, ` : ""}${res.added} added, ${res.changed} changed, ${res.destroyed} destroyed.\n`));
    if (!destroyView) ctx.stdout.write(renderOutputs(applyState, cz));
    return 0;
  } finally {
    process.off("SIGINT", onSigint);
    if (lockId) await backend.unlock(lockId);
  }
}

/** The JSON UI's `resource` object for an instance address. */
function jsonResourceAddr(addr: AbsResourceInstance): ReturnType<typeof resourceAddr> {
  const a = addr.resource;
  return resourceAddr({ module: addr.module.toString(), type: a.resource.type, name: a.resource.name, mode: a.resource.mode, ...(a.key !== undefined ? { key: a.key } : {}) });
}
