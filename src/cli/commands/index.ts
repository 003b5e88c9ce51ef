// Every command tfsim knows. Add a command by writing src/cli/commands/NAME.ts and listing it here.
import type { Command } from "../command.js";
import { versionCommand } from "./version.js";

export const commands: readonly Command[] = [versionCommand];
