// Dates as the Date* condition operators read them: ISO 8601 (date, or date and time with an optional
// fraction and zone; no zone means UTC) or whole seconds since the epoch ("1700000000").

/** Milliseconds since the epoch, or NaN when the text is neither form. */
export function parseAwsDate(text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/.exec(s);
  if (!m) return NaN;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", sec = "00", frac = "", zone = "Z"] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return NaN;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec), frac ? Math.floor(Number(frac) * 1000) : 0);
  if (zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * 60_000;
  }
  return ms;
}
