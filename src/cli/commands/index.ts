// Every command tfsim knows. Add a command by writing src/cli/commands/NAME.ts and listing it here.
import type { Command } from "../command.js";
import { versionCommand } from "./version.js";
import { validateCommand } from "./validate.js";
import { fmtCommand } from "./fmt.js";
import { cloudServeCommand } from "./cloud-serve.js";
import { cloudCredentialsCommand } from "./cloud-credentials.js";
import { cloudResetCommand } from "./cloud-reset.js";
import { cloudTrailCommand } from "./cloud-trail.js";
import { cloudCommand } from "./cloud-help.js";

export const commands: readonly Command[] = [versionCommand, validateCommand, fmtCommand, cloudServeCommand, cloudCredentialsCommand, cloudResetCommand, cloudTrailCommand, cloudCommand];
