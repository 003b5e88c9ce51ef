// Go's time.ParseDuration, for -lock-timeout=DUR ("0s", "500ms", "1m30s", "1.5h"): milliseconds, or an
// error message in Go's words.

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | { error: string } {
  const bad = { error: `time: invalid duration ${JSON.stringify(text)}` };
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return bad;
  let total = 0;
  const re = /^(\d+\.?\d*|\.\d+)([^\d.]*)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m) return bad;
    const unit = m[2]!;
    if (unit === "") return { error: `time: missing unit in duration ${JSON.stringify(text)}` };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}` };
    total += Number(m[1]) * scale;
    s = s.slice(m[0].length);
  }
  return sign * total;
}
