// The plain form both sides of a codec comparison are put in: Dates → epoch ms, Buffers → base64.
export function plain(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (Buffer.isBuffer(v)) return v.toString("base64");
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
