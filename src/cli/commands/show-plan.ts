// `tfsim show [-json] PLANFILE`: a saved plan holds the options, variables and state version it was made with,
// so it is shown by planning again from them (without refreshing) against the same state, then rendered as
// Terraform's JSON plan representation or as the plan's human text.
import { loadConfig } from "../../config/load.js";
import { planModule, relevantTo } from "../../engine/plan.js";
import { readPlanFile, savedVariables } from "../../plan/plan-file.js";
import { error } from "../../diag/diagnostic.js";
import { marshal, State } from "../../../state/index.js";
import { println, type CliContext, type FlagValue } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { planJson } from "../views/json-plan.js";
import { configurationJson } from "../views/json-config.js";
import { providerName } from "../views/json-state.js";
import { renderPlan } from "../views/plan.js";
import { colorize } from "../views/color.js";
import { planSchemas } from "./validate.js";
import { readState, stateBackend } from "./state-common.js";
import { PRODUCT } from "./operation.js";

export async function showPlan(path: string, json: boolean, stateFlag: FlagValue | undefined, ctx: CliContext): Promise<number> {
  const saved = readPlanFile(path);
  if (typeof saved === "string") {
    writeDiagnostics(ctx, [error("Failed to read the given file as a state or plan file", saved)]);
    return 1;
  }
  const loaded = loadConfig(ctx.cwd, ".");
  if (loaded.diagnostics.some((d) => d.severity === "error")) {
    writeDiagnostics(ctx, loaded.diagnostics);
    return 1;
  }
  const s = await readState(ctx, stateBackend(ctx, stateFlag), false);
  if (s === undefined) return 1;
  const state = s ?? State.empty();
  if ((s ? state.lineage : "") !== saved.lineage || (s ? state.serial : 0) !== saved.serial) {
    writeDiagnostics(ctx, [error("Saved plan is stale", "The given plan file can no longer be shown because the state was changed by another operation after the plan was created.")]);
    return 1;
  }
  const planned = await planModule({
    dir: ctx.cwd,
    config: loaded.config,
    state,
    variables: savedVariables(saved),
    destroy: saved.mode === "destroy",
    refreshOnly: saved.mode === "refresh-only",
    replace: new Set(saved.replace),
    targets: [...saved.targets],
    refresh: false,
  });
  if (!planned.plan || planned.diagnostics.hasErrors()) {
    writeDiagnostics(ctx, planned.diagnostics);
    return 1;
  }
  // Terraform records the relevant attributes in every plan; the engine computes them only when there is drift.
  const relevant = planned.plan.relevantAttributes?.length ? planned.plan.relevantAttributes : relevantTo(loaded.config, planned.plan.changes, planned.plan.outputChanges);
  const providers = new Map<string, string>();
  for (const c of planned.plan.changes) {
    const us = c.type.indexOf("_");
    providers.set(us < 0 ? c.type : c.type.slice(0, us), providerName(c.provider));
  }
  if (json) println(ctx.stdout, marshal(planJson(planned.plan, relevant, configurationJson(loaded.config, providers, ctx.cwd))));
  else ctx.stdout.write(renderPlan(planned.plan, PRODUCT, false, await planSchemas(planned.plan), colorize(ctx.color)));
  return 0;
}
