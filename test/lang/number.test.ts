// BigFloat against independent references: JavaScript's own shortest round-trip printing of doubles (which
// must agree with Go's for 53-bit values), exact rational arithmetic with bigints, and fixed values printed by
// `terraform console`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BigFloat } from "../../src/lang/number.js";

/** JS's shortest digits for a double, written without exponent, as Go's Text('f', -1) would. */
function jsPlain(x: number): string {
  if (Object.is(x, -0)) return "-0";
  const neg = x < 0;
  const [mant, expStr] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expStr) + 1;
  let out: string;
  if (exp <= 0) out = "0." + "0".repeat(-exp) + digits;
  else if (exp >= digits.length) out = digits + "0".repeat(exp - digits.length);
  else out = digits.slice(0, exp) + "." + digits.slice(exp);
  return (neg ? "-" : "") + out;
}

describe("BigFloat", () => {
  it("prints a float64 with the same shortest digits as JavaScript", () => {
    fc.assert(
      // Normal doubles only: for subnormals Go still assumes 53 bits of precision and prints more digits.
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= 2.2250738585072014e-308), (x) => {
        expect(BigFloat.fromFloat64(x).toString()).toBe(jsPlain(x));
      }),
      { numRuns: 3000 },
    );
  });

  it("round-trips float64 through its printed form", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(BigFloat.parse(BigFloat.fromFloat64(x).toString(), 53)!.toFloat64()).toBe(x);
      }),
      { numRuns: 2000 },
    );
  });

  it("adds, subtracts and multiplies integers exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), (a, b) => {
        const x = BigFloat.parse(a.toString())!;
        const y = BigFloat.parse(b.toString())!;
        expect(x.add(y).toString()).toBe((a + b).toString());
        expect(x.sub(y).toString()).toBe((a - b).toString());
        // big.Float keeps the sign of a zero product, and Terraform prints it: `-1 * 0` is -0 in terraform console.
        const negativeZero = a * b === 0n && (a < 0n || b < 0n);
        expect(x.mul(y).toString()).toBe(negativeZero ? "-0" : (a * b).toString());
      }),
    );
  });

  it("rounds a quotient to within half a 512-bit ulp of the exact rational", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 40n }), fc.bigInt({ min: 1n, max: 10n ** 40n }), (a, b) => {
        const q = BigFloat.parse(a.toString())!.quo(BigFloat.parse(b.toString())!);
        const m = q.mant;
        const e = q.exp;
        const top = m.toString(2).length - 1 + e; // q is in [2^top, 2^(top+1))
        const K = Math.max(0, -e, 511 - top) + 1;
        const lhs = (m * b * 2n ** BigInt(e + K) - a * 2n ** BigInt(K)) * 2n;
        const rhs = b * 2n ** BigInt(top - 511 + K);
        expect((lhs < 0n ? -lhs : lhs) <= rhs).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["1", "3", "0.33333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333335"],
    ["2", "3", "0.6666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666667"],
    ["10", "4", "2.5"],
  ])("%s / %s prints as terraform console does", (a, b, want) => {
    expect(BigFloat.parse(a)!.quo(BigFloat.parse(b)!).toString()).toBe(want);
  });

  it("keeps float64 precision for values that came from float64 (pow, log)", () => {
    expect(BigFloat.fromFloat64(2 ** 70).toString()).toBe("1180591620717411300000");
    expect(BigFloat.fromFloat64(Math.SQRT2).mul(BigFloat.parse("1")!).toString()).toBe("1.4142135623730951454746218587388284504413604736328125");
  });

  it("prints 0.1 + 0.2 as 0.3 and huge literals exactly", () => {
    expect(BigFloat.parse("0.1")!.add(BigFloat.parse("0.2")!).toString()).toBe("0.3");
    expect(BigFloat.parse("1e30")!.toString()).toBe("1" + "0".repeat(30));
    expect(BigFloat.parse("1e500")!.toString()).toBe("1" + "0".repeat(500));
    expect(BigFloat.parse("123456789012345678901234567890.5")!.toString()).toBe("123456789012345678901234567890.5");
  });

  it("formats with Go's %e, %f and %g rules", () => {
    const n = BigFloat.parse("1234.5678")!;
    expect(n.text("e", 6)).toBe("1.234568e+03");
    expect(n.text("f", 2)).toBe("1234.57");
    expect(n.text("g", -1)).toBe("1234.5678");
    expect(BigFloat.parse("2.5")!.text("f", 0)).toBe("2");
    expect(BigFloat.parse("3.5")!.text("f", 0)).toBe("4");
    expect(BigFloat.parse("1e21")!.text("g", -1)).toBe("1e+21");
  });

  it("signals 0/0 and Inf-Inf instead of producing NaN", () => {
    expect(() => BigFloat.parse("0")!.quo(BigFloat.parse("0")!)).toThrow(/divide zero by zero/);
    expect(() => BigFloat.inf(false).sub(BigFloat.inf(false))).toThrow();
    expect(BigFloat.parse("1")!.quo(BigFloat.parse("0")!).toString()).toBe("+Inf");
  });
});

function ulpsApart(a: number, b: number): number {
  const bits = (x: number): bigint => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    const i = v.getBigInt64(0);
    return i < 0n ? -(i & 0x7fffffffffffffffn) : i;
  };
  const d = bits(a) - bits(b);
  return Number(d < 0n ? -d : d);
}

describe("BigFloat.equals without decimal text", () => {
  it("agrees with comparing the shortest decimal forms, for integers and fractions at mixed precisions", () => {
    const num = fc.oneof(
      fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map((n) => String(n)),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }).map((x) => String(x)),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => String(n)),
    );
    const prec = fc.constantFrom(53, 64, 512);
    fc.assert(
      fc.property(num, num, prec, prec, fc.boolean(), (a, b, pa, pb, same) => {
        const x = BigFloat.parse(a, pa)!;
        const y = BigFloat.parse(same ? a : b, pb)!;
        expect(x.equals(y)).toBe(x.isZero() && y.isZero() ? true : x.toString() === y.toString());
        // At 53 bits the value is a float64 already. Above that, Go's Float64() rounds the stored binary value,
        // which may sit one ulp from rounding its shortest decimal text (double rounding), never further.
        if (pa === 53) expect(x.toFloat64()).toBe(Number(x.toString()));
        else expect(ulpsApart(x.toFloat64(), Number(x.toString()))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});
