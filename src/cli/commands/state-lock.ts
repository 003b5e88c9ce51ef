// Holding the state lock around a state command (-lock, -lock-timeout), as Terraform's state commands do.
import { parseDuration, type LocalBackend } from "../../../state/index.js";
import { Diagnostics, error } from "../../diag/diagnostic.js";
import type { CliContext, FlagValue } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";

export async function withStateLock(
  ctx: CliContext,
  backend: LocalBackend,
  flags: Readonly<Record<string, FlagValue | undefined>>,
  body: () => Promise<number>,
): Promise<number> {
  if (flags.lock === false) return body();
  let timeoutMs = 0;
  if (typeof flags["lock-timeout"] === "string") {
    const d = parseDuration(flags["lock-timeout"]);
    if (typeof d !== "number") {
      writeDiagnostics(ctx, new Diagnostics([error("Invalid value for -lock-timeout", d.error)]));
      return 1;
    }
    timeoutMs = d;
  }
  const l = await backend.lock({ operation: "OperationTypeInvalid", timeoutMs });
  writeDiagnostics(ctx, l.diagnostics);
  if (!l.id) return 1;
  try {
    return await body();
  } finally {
    const u = await backend.unlock(l.id);
    writeDiagnostics(ctx, u);
  }
}
