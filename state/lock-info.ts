// A state lock's description, in the JSON shape Terraform writes to .terraform.tfstate.lock.info, and the
// error Terraform prints when the lock is held.
import { hostname, userInfo } from "node:os";
import { error, type Diagnostic } from "../src/diag/diagnostic.js";
import { STATE_TERRAFORM_VERSION } from "./v4.js";

/** Terraform's backend operation names. */
export type LockOperation = "OperationTypePlan" | "OperationTypeApply" | "OperationTypeRefresh" | "OperationTypeInvalid" | string;

export interface LockInfo {
  readonly ID: string;
  readonly Operation: LockOperation;
  readonly Info: string;
  /** user@host */
  readonly Who: string;
  readonly Version: string;
  /** RFC 3339 with fractional seconds, UTC. */
  readonly Created: string;
  readonly Path: string;
  /**
   * Not in Terraform's shape: the holder's process id, so a lock left by a process that no longer exists on
   * this host can be recognised. Terraform ignores unknown fields here.
   */
  readonly PID?: number;
}

export function newLockInfo(operation: LockOperation, path: string, info = ""): LockInfo {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for this uid (containers); Terraform prints the same placeholder-free form.
  }
  return {
    ID: crypto.randomUUID(),
    Operation: operation,
    Info: info,
    Who: `${user}@${hostname()}`,
    Version: STATE_TERRAFORM_VERSION,
    Created: new Date().toISOString(),
    Path: path,
    PID: process.pid,
  };
}

/** Go's time.Time String() form that Terraform prints: "2026-11-23 09:17:30.369 +0000 UTC". */
function goTime(rfc3339: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(rfc3339);
  if (!m) return rfc3339;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  return `${m[1]} ${m[2]}${frac === "." ? "" : frac} +0000 UTC`;
}

/** The "Lock Info:" block of Terraform's messages. */
export function lockInfoBlock(l: LockInfo): string {
  return [
    "Lock Info:",
    `  ID:        ${l.ID}`,
    `  Path:      ${l.Path}`,
    `  Operation: ${l.Operation}`,
    `  Who:       ${l.Who}`,
    `  Version:   ${l.Version}`,
    `  Created:   ${goTime(l.Created)}`,
    `  Info:      ${l.Info}`,
  ].join("\n");
}

/** Terraform's "Error acquiring the state lock" (tfsim names itself where Terraform says Terraform). */
export function lockHeldDiagnostic(reason: string, holder: LockInfo | undefined): Diagnostic {
  const block = holder ? `${lockInfoBlock(holder)}\n\n\n` : "\n";
  return error(
    "Error acquiring the state lock",
    `Error message: ${reason}\n${block}` +
      "tfsim acquires a state lock to protect the state from being written\n" +
      "by multiple users at the same time. Please resolve the issue above and try\n" +
      'again. For most commands, you can disable locking with the "-lock=false"\n' +
      "flag, but this is not recommended.",
  );
}
