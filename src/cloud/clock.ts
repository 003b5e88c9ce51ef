// The cloud's notion of "now". Real time, shifted by a test-only offset so tests can expire credentials without
// sleeping: TFSIM_CLOCK_OFFSET_SECONDS in the environment, or an explicit offset when the cloud is opened.

export interface Clock {
  /** Milliseconds since the epoch, as the cloud sees it. */
  nowMs(): number;
}

export function systemClock(offsetSeconds = 0): Clock {
  const offsetMs = Math.round(offsetSeconds * 1000);
  return { nowMs: () => Date.now() + offsetMs };
}

/** The clock for a process: real time plus TFSIM_CLOCK_OFFSET_SECONDS (tests only). */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const raw = env.TFSIM_CLOCK_OFFSET_SECONDS;
  const offset = raw === undefined || raw === "" ? 0 : Number(raw);
  return systemClock(Number.isFinite(offset) ? offset : 0);
}
