// `moved` blocks (Terraform's refactoring.ApplyMoves): before anything is refreshed or planned, objects recorded
// at a `from` address are re-recorded at the `to` address, in declaration order, so the plan shows
// "has moved to" instead of a destroy and a create. A move whose destination already has an object is not made.
import type { Expression } from "../config/body.js";
import type { Config } from "../config/model.js";
import { error, warning, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression } from "../hcl/ast.js";
import { rangeString } from "../config/body.js";
import { parseAbsResourceInstance, type AbsResourceInstance } from "../addrs/index.js";
import type { State } from "../../state/state.js";

/** The address a `from`/`to` expression names, as text (`terraform_data.a`, `terraform_data.c[0]`). */
function addressText(e: Expression | undefined): string | undefined {
  if (!e || e.syntax !== "native") return undefined;
  const n = e.node as AstExpression;
  if (n.kind !== "ScopeTraversal") return undefined;
  return n.traversal.map((t) => (t.kind === "Root" ? t.name : t.kind === "Attr" ? `.${t.name}` : `[${t.key.type === "string" ? JSON.stringify(t.key.value) : t.key.type === "number" ? t.key.text : ""}]`)).join("");
}

function moveInstance(state: State, from: AbsResourceInstance, to: AbsResourceInstance, provider: string): void {
  const inst = state.instance(from)!;
  const current = inst.current;
  const deposed = [...inst.deposed];
  for (const [dk] of deposed) state.setDeposed(from, provider, dk, undefined);
  state.setCurrent(from, provider, undefined);
  if (current) state.setCurrent(to, provider, current);
  for (const [dk, o] of deposed) state.setDeposed(to, provider, dk, o);
}

/** Applies the root module's moves to `state`; returns each moved instance's previous address by its new one. */
export function applyMoves(config: Config, state: State): { previous: Map<string, string>; diagnostics: Diagnostic[] } {
  const previous = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const blocked: string[] = [];
  const record = (to: AbsResourceInstance, from: AbsResourceInstance): void => {
    const was = previous.get(from.toString()) ?? from.toString();
    previous.delete(from.toString());
    previous.set(to.toString(), was);
  };
  for (const m of config.moved) {
    const fromText = addressText(m.from);
    const toText = addressText(m.to);
    const from = fromText ? parseAbsResourceInstance(fromText).addr : undefined;
    const to = toText ? parseAbsResourceInstance(toText).addr : undefined;
    if (!from || !to || !fromText || !toText) {
      diagnostics.push(error("Invalid \"moved\" address", "The from and to arguments of a moved block must each be a resource or resource instance address.", m.declRange));
      continue;
    }
    const wholeResource = !fromText.endsWith("]") && !toText.endsWith("]");
    const declared = config.resources.get(from.resource.resource.toString());
    if (wholeResource && declared) {
      diagnostics.push(error("Moved object still exists", `This statement declares a move from ${fromText}, but that resource is still declared at ${rangeString(declared.declRange).replace(/-[\d,]+$/, "")}.\n\nChange your configuration so that this resource will be declared as ${toText} instead.`, m.declRange));
      continue;
    }
    if (from.resource.resource.type !== to.resource.resource.type) {
      diagnostics.push(error("Resource type mismatch", `This statement declares a move from ${fromText} to ${toText}, which is a resource of a different type.`, m.declRange));
      continue;
    }
    const r = state.resource(from.containingResource());
    if (!r) continue;
    if (wholeResource) {
      if (state.resource(to.containingResource())) {
        for (const i of r.instances.values()) blocked.push(`  - ${i.addr.toString()} could not move to ${toText}${i.addr.toString().slice(fromText.length)}`);
        continue;
      }
      for (const i of [...r.instances.values()]) {
        const dest = parseAbsResourceInstance(toText + i.addr.toString().slice(fromText.length)).addr!;
        moveInstance(state, i.addr, dest, r.provider);
        record(dest, i.addr);
      }
      continue;
    }
    if (!state.instance(from)) continue;
    if (state.instance(to)) {
      blocked.push(`  - ${fromText} could not move to ${toText}`);
      continue;
    }
    moveInstance(state, from, to, r.provider);
    record(to, from);
  }
  if (blocked.length)
    diagnostics.push(
      warning(
        "Unresolved resource instance address changes",
        `Terraform tried to adjust resource instance addresses in the prior state based on change information recorded in the configuration, but some adjustments did not succeed due to existing objects already at the intended addresses:\n\n${blocked.join("\n")}\n\nTerraform has planned to destroy these objects. If Terraform's proposed changes aren't appropriate, you must first resolve the conflicts using the "terraform state" subcommands and then create a new plan.`,
      ),
    );
  return { previous, diagnostics };
}
