// The progress lines of plan and apply as Terraform's UI hook colours them: every line bold; a line that starts
// an operation ("Creating...", "Destroying... [id=x]") or reminds of one still running ends with a reset of its
// own before the one colorstring appends, the others (complete, refreshing, importing) with only the appended one.
import type { Colorize } from "./color.js";

const ONGOING = /: (Creating|Modifying|Destroying|Reading)\.\.\.( \[id=[^\]]*\])?$|: Still (creating|modifying|destroying|reading)\.\.\. \[[^\]]*elapsed\]$/;

export function hookLine(text: string, cz: Colorize): string {
  return cz.format(ONGOING.test(text) ? "[reset][bold]%s[reset]" : "[reset][bold]%s", text);
}
