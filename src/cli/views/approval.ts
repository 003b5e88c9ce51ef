// A question asked before a change, as Terraform's UIInput prints it: the query bold, the description indented
// as it is, then a bold "Enter a value:" (the whole one colorstring string, so its reset follows the space).
import type { Colorize } from "./color.js";

export function approvalPrompt(cz: Colorize, query: string, description: readonly string[]): string {
  return cz.color(`[reset][bold]${query}[reset]\n${description.map((l) => `  ${l}\n`).join("")}\n  [bold]Enter a value:[reset] `);
}
