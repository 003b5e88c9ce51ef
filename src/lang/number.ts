// Terraform's numbers: an emulation of Go's math/big.Float as cty uses it.
//
// Why an emulation and not decimal.js or bigint rationals: Terraform prints numbers with big.Float's
// Text('f', -1), the shortest decimal that rounds back to the same binary value *at that value's precision*.
// Literals and tonumber() are parsed at 512 bits, values that came from float64 (pow, log, ...) carry 53 bits,
// and the result of an operation takes the larger precision of its operands. So `1/3` prints 155 digits,
// `0.1 + 0.2` prints `0.3`, `pow(2, 70)` prints `1180591620717411300000`, and `pow(2, 0.5) * 1` prints the exact
// binary expansion. Only a binary float with a per-value precision and round-to-nearest-even reproduces all of
// these; a decimal library would print `1/3` differently and would get float64-derived values wrong.
//
// API:
//   BigFloat.parse(text, prec = 512)   decimal literal (as HCL / cty.ParseNumberVal), or undefined if malformed
//   BigFloat.fromFloat64(x)            exact, precision 53 (cty.NumberFloatVal)
//   BigFloat.fromInt(n, prec?)         exact integer, precision max(64, bits) (cty.NumberIntVal)
//   add sub mul quo neg abs cmp        big.Float semantics; result precision = max of operands'
//   toString()                         Text('f', -1): what terraform console prints
//   toFloat64() / toBigInt()           conversions (toBigInt truncates toward zero)
//   equals(other)                      cty's number equality (same shortest decimal; -0 == +0)

export const DefaultPrecision = 512;

type Form = "zero" | "finite" | "inf";

/** Thrown for operations Go's big.Float refuses (0/0, Inf-Inf); callers turn it into a diagnostic. */
export class NaNError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NaNError";
  }
}

function bitLen(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Round m*2^e (m > 0) to prec bits, ties to even. `sticky` means the true value is slightly above m*2^e. */
function roundMant(m: bigint, e: number, prec: number, sticky = false): [bigint, number] {
  if (sticky) {
    m = (m << 1n) | 1n;
    e -= 1;
  }
  const bits = bitLen(m);
  if (bits <= prec) return [m, e];
  const shift = bits - prec;
  const bshift = BigInt(shift);
  let q = m >> bshift;
  const r = m & ((1n << bshift) - 1n);
  const half = 1n << (bshift - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  e += shift;
  if (bitLen(q) > prec) {
    q >>= 1n;
    e += 1;
  }
  return [q, e];
}

/** Strip trailing zero bits so equal values share one representation. */
function normalize(m: bigint, e: number): [bigint, number] {
  if (m === 0n) return [m, e];
  // m & -m is the lowest set bit: one step instead of a shift per trailing zero.
  const tz = bitLen(m & -m) - 1;
  return tz === 0 ? [m, e] : [m >> BigInt(tz), e + tz];
}

/** Go's decimal: value = 0.digits × 10^exp, digits without trailing zeros. */
interface Decimal {
  digits: string;
  exp: number;
}

function decimalOf(m: bigint, e: number): Decimal {
  let digits: string;
  let exp: number;
  if (e >= 0) {
    digits = (m << BigInt(e)).toString();
    exp = digits.length;
  } else {
    digits = (m * 5n ** BigInt(-e)).toString();
    exp = digits.length + e;
  }
  digits = digits.replace(/0+$/, "");
  return { digits, exp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : "0";
}

function roundDown(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  d.digits = d.digits.slice(0, n).replace(/0+$/, "");
  if (d.digits === "") d.exp = 0;
}

function roundUp(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  let i = n;
  while (i > 0 && d.digits[i - 1] === "9") i--;
  if (i === 0) {
    d.digits = "1";
    d.exp++;
    return;
  }
  d.digits = d.digits.slice(0, i - 1) + String.fromCharCode(d.digits.charCodeAt(i - 1) + 1);
}

function roundHalfEven(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  let up: boolean;
  if (d.digits[n] === "5" && n + 1 === d.digits.length) up = n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  else up = d.digits[n]! >= "5";
  if (up) roundUp(d, n);
  else roundDown(d, n);
}

export class BigFloat {
  private constructor(
    readonly form: Form,
    readonly neg: boolean,
    /** Mantissa, odd (normalized) when finite. value = mant × 2^exp. */
    readonly mant: bigint,
    readonly exp: number,
    readonly prec: number,
  ) {}

  static zero(prec = DefaultPrecision, neg = false): BigFloat {
    return new BigFloat("zero", neg, 0n, 0, prec);
  }

  static inf(neg: boolean, prec = DefaultPrecision): BigFloat {
    return new BigFloat("inf", neg, 0n, 0, prec);
  }

  /** Exact m×2^e rounded to prec bits. */
  static make(neg: boolean, m: bigint, e: number, prec: number, sticky = false): BigFloat {
    if (m < 0n) {
      neg = !neg;
      m = -m;
    }
    if (m === 0n) return BigFloat.zero(prec, neg);
    const [rm, re] = roundMant(m, e, prec, sticky);
    const [nm, ne] = normalize(rm, re);
    return new BigFloat("finite", neg, nm, ne, prec);
  }

  static fromInt(n: bigint | number, prec?: number): BigFloat {
    const b = typeof n === "bigint" ? n : BigInt(Math.trunc(n));
    const p = prec ?? Math.max(64, bitLen(b < 0n ? -b : b));
    return BigFloat.make(false, b, 0, p);
  }

  static fromFloat64(x: number): BigFloat {
    if (Number.isNaN(x)) throw new NaNError("NaN");
    if (x === Infinity || x === -Infinity) return BigFloat.inf(x < 0, 53);
    if (x === 0) return BigFloat.zero(53, Object.is(x, -0));
    const neg = x < 0;
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, Math.abs(x));
    const hi = buf.getUint32(0);
    const lo = buf.getUint32(4);
    const bexp = (hi >>> 20) & 0x7ff;
    let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let e: number;
    if (bexp === 0) e = -1074;
    else {
      m |= 1n << 52n;
      e = bexp - 1075;
    }
    return BigFloat.make(neg, m, e, 53);
  }

  /**
   * Parses a decimal number as Go's big.ParseFloat(s, 10, prec, ToNearestEven) does, including its way of
   * applying the power of ten (a power of five at prec+64 bits), so results match Terraform bit for bit.
   */
  static parse(text: string, prec = DefaultPrecision): BigFloat | undefined {
    const m = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m) {
      const t = text.trim().toLowerCase();
      if (t === "inf" || t === "+inf" || t === "infinity" || t === "+infinity") return BigFloat.inf(false, prec);
      if (t === "-inf" || t === "-infinity") return BigFloat.inf(true, prec);
      return undefined;
    }
    const neg = m[1] === "-";
    const intPart = m[2] ?? "";
    const fracPart = m[3] ?? m[4] ?? "";
    const exp10 = (m[5] ? Number(m[5]) : 0) - fracPart.length;
    const mant = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, "") || "0");
    if (mant === 0n) return BigFloat.zero(prec, neg);
    if (exp10 === 0) return BigFloat.make(neg, mant, 0, prec);
    // 10^k = 5^k × 2^k; the 2^k part only moves the exponent.
    const p5 = pow5(Math.abs(exp10), prec + 64);
    const z = new BigFloat("finite", neg, mant, exp10, Math.max(prec, bitLen(mant)));
    return roundTo(exp10 < 0 ? quoRaw(z, p5, prec) : mulRaw(z, p5), prec);
  }

  isZero(): boolean {
    return this.form === "zero";
  }

  isInf(): boolean {
    return this.form === "inf";
  }

  isInt(): boolean {
    return this.form === "zero" || (this.form === "finite" && this.exp >= 0);
  }

  sign(): number {
    return this.form === "zero" ? 0 : this.neg ? -1 : 1;
  }

  withPrec(prec: number): BigFloat {
    if (this.form !== "finite") return new BigFloat(this.form, this.neg, 0n, 0, prec);
    return BigFloat.make(this.neg, this.mant, this.exp, prec);
  }

  neg_(): BigFloat {
    return new BigFloat(this.form, !this.neg, this.mant, this.exp, this.prec);
  }

  abs(): BigFloat {
    return new BigFloat(this.form, false, this.mant, this.exp, this.prec);
  }

  /** Sum; `prec` gives the result precision as a Go receiver with a set precision would (default: max of operands). */
  add(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    if (this.form === "inf" || y.form === "inf") {
      if (this.form === "inf" && y.form === "inf" && this.neg !== y.neg) {
        throw new NaNError("addition of infinities with opposite signs");
      }
      return BigFloat.inf(this.form === "inf" ? this.neg : y.neg, prec);
    }
    if (this.form === "zero" && y.form === "zero") return BigFloat.zero(prec, this.neg && y.neg);
    if (this.form === "zero") return y.withPrec(prec);
    if (y.form === "zero") return this.withPrec(prec);
    const e = Math.min(this.exp, y.exp);
    const a = (this.neg ? -this.mant : this.mant) << BigInt(this.exp - e);
    const b = (y.neg ? -y.mant : y.mant) << BigInt(y.exp - e);
    const s = a + b;
    if (s === 0n) return BigFloat.zero(prec, false);
    return BigFloat.make(false, s, e, prec);
  }

  sub(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    return this.add(y.neg_(), prec);
  }

  mul(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    const neg = this.neg !== y.neg;
    if (this.form === "inf" || y.form === "inf") {
      if (this.form === "zero" || y.form === "zero") throw new NaNError("multiplication of zero with infinity");
      return BigFloat.inf(neg, prec);
    }
    if (this.form === "zero" || y.form === "zero") return BigFloat.zero(prec, neg);
    const r = mulRaw(this, y);
    return BigFloat.make(r.neg, r.mant, r.exp, prec);
  }

  quo(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    const neg = this.neg !== y.neg;
    if ((this.form === "zero" && y.form === "zero") || (this.form === "inf" && y.form === "inf")) {
      throw new NaNError("can't divide zero by zero or infinity by infinity");
    }
    if (this.form === "zero" || y.form === "inf") return BigFloat.zero(prec, neg);
    if (y.form === "zero" || this.form === "inf") return BigFloat.inf(neg, prec);
    const r = quoRaw(this, y, prec);
    return BigFloat.make(r.neg, r.mant, r.exp, prec, r.sticky);
  }

  cmp(y: BigFloat): number {
    const sx = this.form === "inf" ? (this.neg ? -2 : 2) : this.sign();
    const sy = y.form === "inf" ? (y.neg ? -2 : 2) : y.sign();
    if (Math.abs(sx) === 2 || Math.abs(sy) === 2 || sx !== sy || sx === 0) {
      return sx < sy ? -1 : sx > sy ? 1 : 0;
    }
    const e = Math.min(this.exp, y.exp);
    const a = this.mant << BigInt(this.exp - e);
    const b = y.mant << BigInt(y.exp - e);
    const c = a < b ? -1 : a > b ? 1 : 0;
    return this.neg ? -c : c;
  }

  /** Truncates toward zero (big.Float.Int). Infinity has no integer value. */
  toBigInt(): bigint {
    if (this.form !== "finite") return 0n;
    const v = this.exp >= 0 ? this.mant << BigInt(this.exp) : this.mant >> BigInt(-this.exp);
    return this.neg ? -v : v;
  }

  floor(): BigFloat {
    if (this.form !== "finite" || this.isInt()) return this;
    let i = this.toBigInt();
    if (this.neg) i -= 1n;
    return BigFloat.make(false, i, 0, this.prec);
  }

  ceil(): BigFloat {
    if (this.form !== "finite" || this.isInt()) return this;
    let i = this.toBigInt();
    if (!this.neg) i += 1n;
    return BigFloat.make(false, i, 0, this.prec);
  }

  toFloat64(): number {
    if (this.form === "zero") return this.neg ? -0 : 0;
    if (this.form === "inf") return this.neg ? -Infinity : Infinity;
    const [m, e] = roundMant(this.mant, this.exp, 53);
    let v = Number(m);
    // Apply 2^e in steps so intermediate powers neither overflow nor underflow.
    let k = e;
    while (k > 1000) {
      v *= 2 ** 1000;
      k -= 1000;
    }
    while (k < -1000) {
      v *= 2 ** -1000;
      k += 1000;
    }
    v *= 2 ** k;
    return this.neg ? -v : v;
  }

  /** Whether this is an integer that fits a Go int (64-bit); cty's functions require it for indexes. */
  isSafeInt64(): boolean {
    if (!this.isInt()) return false;
    const i = this.toBigInt();
    return i >= -(1n << 63n) && i < 1n << 63n;
  }

  /** The shortest decimal that rounds back to this value at its precision (Go's roundShortest). */
  private shortest(): Decimal {
    const d = decimalOf(this.mant, this.exp);
    const bl = bitLen(this.mant);
    const s = this.prec + 1 - bl;
    const mant = this.mant << BigInt(s);
    const exp = this.exp - s;
    const lower = decimalOf(mant - 1n, exp);
    const upper = decimalOf(mant + 1n, exp);
    const inclusive = (mant & 2n) === 0n;
    // Go compares digit i of d, lower and upper without aligning their decimal points; so do we.
    for (let i = 0; i < d.digits.length; i++) {
      const m = d.digits[i]!;
      const l = digitAt(lower, i);
      const u = digitAt(upper, i);
      const okdown = l !== m || (inclusive && i + 1 === lower.digits.length);
      const okup = m !== u && (inclusive || m.charCodeAt(0) + 1 < u.charCodeAt(0) || i + 1 < upper.digits.length);
      if (okdown && okup) roundHalfEven(d, i + 1);
      else if (okdown) roundDown(d, i + 1);
      else if (okup) roundUp(d, i + 1);
      else continue;
      return d;
    }
    return d;
  }

  /** Go's Text('f', -1): what terraform console and tostring() print. */
  toString(): string {
    if (this.form === "inf") return this.neg ? "-Inf" : "+Inf";
    const sign = this.neg ? "-" : "";
    if (this.form === "zero") return sign + "0";
    const d = this.shortest();
    return sign + fmtF(Math.max(d.digits.length - d.exp, 0), d);
  }

  /**
   * Go's big.Float.Text(fmt, prec) for 'e', 'f' and 'g': prec < 0 means the shortest representation that
   * round-trips; otherwise the exact value is rounded (half to even) to that many digits. Used by format().
   */
  text(fmt: "e" | "f" | "g", prec: number): string {
    if (this.form === "inf") return this.neg ? "-Inf" : "+Inf";
    const sign = this.neg ? "-" : "";
    let d: Decimal = this.form === "zero" ? { digits: "", exp: 0 } : decimalOf(this.mant, this.exp);
    const shortest = prec < 0;
    if (shortest) {
      if (this.form !== "zero") d = this.shortest();
      prec = fmt === "e" ? Math.max(d.digits.length - 1, 0) : fmt === "f" ? Math.max(d.digits.length - d.exp, 0) : d.digits.length;
    } else if (this.form !== "zero") {
      if (fmt === "e") roundHalfEven(d, 1 + prec);
      else if (fmt === "f") roundHalfEven(d, d.exp + prec);
      else {
        if (prec === 0) prec = 1;
        roundHalfEven(d, prec);
      }
    }
    if (fmt === "e") return sign + fmtE(prec, d);
    if (fmt === "f") return sign + fmtF(prec, d);
    let eprec = prec;
    if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const exp = d.exp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > d.digits.length) prec = d.digits.length;
      return sign + fmtE(prec - 1, d);
    }
    if (prec > d.exp) prec = d.digits.length;
    return sign + fmtF(Math.max(prec - d.exp, 0), d);
  }

  /** A finite integer below 2^53 held with at least 53 bits: its shortest decimal is its exact value. */
  /** The value as a bigint when it is an integer of at most 53 bits (exact in a float64); else undefined. */
  safeInteger(): bigint | undefined {
    if (this.form === "zero") return 0n;
    if (!this.smallInt()) return undefined;
    const v = this.mant << BigInt(this.exp);
    return this.neg ? -v : v;
  }

  private smallInt(): boolean {
    return this.form === "finite" && this.exp >= 0 && this.exp <= 53 && this.prec >= 53 && this.mant < 1n << BigInt(53 - this.exp);
  }

  /** cty's number equality: equal when their shortest decimal forms are equal; -0 equals +0. */
  equals(y: BigFloat): boolean {
    if (this.form === "zero" && y.form === "zero") return true;
    // Without decimal conversion where the answer is known (plans compare many numbers): the same value at the
    // same precision prints the same, and an integer below 2^53 at 53 bits or more prints exactly.
    if (this.form === y.form && this.neg === y.neg && this.prec === y.prec && this.mant === y.mant && this.exp === y.exp) return true;
    if (this.smallInt() && y.smallInt()) return this.neg === y.neg && this.mant === y.mant && this.exp === y.exp;
    return this.toString() === y.toString();
  }
}

function fmtE(prec: number, d: Decimal): string {
  let out = d.digits.length > 0 ? d.digits[0]! : "0";
  if (prec > 0) {
    out += ".";
    out += d.digits.slice(1, prec + 1).padEnd(prec, "0");
  }
  const exp = d.digits.length === 0 ? 0 : d.exp - 1;
  const e = Math.abs(exp);
  return out + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
}

function fmtF(prec: number, d: Decimal): string {
  let out = d.exp > 0 ? d.digits.slice(0, d.exp).padEnd(d.exp, "0") : "0";
  if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) out += digitAt(d, d.exp + i);
  }
  return out;
}

interface Raw {
  neg: boolean;
  mant: bigint;
  exp: number;
  sticky: boolean;
}

function mulRaw(x: BigFloat, y: BigFloat): Raw {
  return { neg: x.neg !== y.neg, mant: x.mant * y.mant, exp: x.exp + y.exp, sticky: false };
}

/** Quotient with prec+2 significant bits plus a sticky flag for the remainder: enough to round correctly. */
function quoRaw(x: BigFloat, y: BigFloat, prec: number): Raw {
  const k = Math.max(0, prec + 2 + bitLen(y.mant) - bitLen(x.mant));
  const num = x.mant << BigInt(k);
  const q = num / y.mant;
  const r = num % y.mant;
  return { neg: x.neg !== y.neg, mant: q, exp: x.exp - y.exp - k, sticky: r !== 0n };
}

/** Go's Float.pow5: 5^n, computed at precision `prec` by repeated squaring (with Go's own roundings). */
function pow5(n: number, prec: number): BigFloat {
  if (n <= 27) return BigFloat.make(false, 5n ** BigInt(n), 0, prec);
  let z = BigFloat.make(false, 5n ** 27n, 0, prec);
  n -= 27;
  let f = BigFloat.make(false, 5n, 0, prec + 64);
  while (n > 0) {
    if (n & 1) z = roundTo(mulRaw(z, f), prec);
    f = roundTo(mulRaw(f, f), prec + 64);
    n = Math.floor(n / 2);
  }
  return z;
}

function roundTo(r: Raw, prec: number): BigFloat {
  return BigFloat.make(r.neg, r.mant, r.exp, prec, r.sticky);
}
