// Every command tfsim knows. Add a command by writing src/cli/commands/NAME.ts and listing it here.
import type { Command } from "../command.js";
import { versionCommand } from "./version.js";
import { validateCommand } from "./validate.js";
import { fmtCommand } from "./fmt.js";
import { cloudServeCommand } from "./cloud-serve.js";

export const commands: readonly Command[] = [versionCommand, validateCommand, fmtCommand, cloudServeCommand];
