// Terraform converts a numeric index to a Go int; these are the bounds and wording of that conversion.

const MIN = -9223372036854775808;
const MAX = 9223372036854775807;

/** The integer key, or the error text ("value must be a whole number, between ... and ...") when not one. */
export function wholeNumberKey(n: number): number | string {
  if (!Number.isInteger(n) || n < MIN || n >= MAX) {
    return `value must be a whole number, between ${"-9223372036854775808"} and ${"9223372036854775807"}`;
  }
  return n;
}
