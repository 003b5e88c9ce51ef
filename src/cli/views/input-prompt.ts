// A question asked on the terminal, as Terraform's UIInput prints it: the query bold, each line of the description
// indented and a blank line after them (when there is a description), then a bold "Enter a value:"; the whole one
// colorstring string, so its reset follows the space. Approvals (apply, destroy, force-unlock) and input
// variables are asked this way.
import type { Colorize } from "./color.js";

export function inputPrompt(cz: Colorize, query: string, description: readonly string[]): string {
  const lines = description.length > 0 ? `${description.map((l) => `  ${l}\n`).join("")}\n` : "";
  return cz.color(`[reset][bold]${query}[reset]\n${lines}  [bold]Enter a value:[reset] `);
}
