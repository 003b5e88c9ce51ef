// The instance state machine's clock: a transition is stored with the time it started, and the state a read sees
// is computed from the clock at read time (no timers). Instant by default (the next read sees the settled state);
// TFSIM_EC2_TIMING=realistic makes pending/stopping/shutting-down last 15 seconds.
export type StateName = "pending" | "running" | "stopping" | "stopped" | "shutting-down" | "terminated";

export const STATE_CODES: Readonly<Record<StateName, number>> = { pending: 0, running: 16, "shutting-down": 32, terminated: 48, stopping: 64, stopped: 80 };
const SETTLES_TO: Partial<Record<StateName, StateName>> = { pending: "running", stopping: "stopped", "shutting-down": "terminated" };

export function transitionMs(): number {
  return process.env.TFSIM_EC2_TIMING === "realistic" ? 15_000 : 0;
}

/** The state a read sees now, for an instance stored in `state` since `stateSince` (a loop over many passes the transition time it read once). */
export function stateAt(i: { state: StateName; stateSince: number }, nowMs: number, transition = transitionMs()): StateName {
  const next = SETTLES_TO[i.state];
  return next && nowMs - i.stateSince >= transition ? next : i.state;
}
