// Asks on a terminal for the root module's required input variables that nothing sets, as Terraform does
// before plan, apply and destroy (`var.name`, its description, "  Enter a value: "). Not asked with
// -input=false, with TF_INPUT set to false, or when stdin is not a terminal: then the operation reports
// "No value for required variable" as before.
//
// API:
//   promptedVariables(config, dir, ctx, varArgs, input) → the answers by variable name (collectVariableValues' prompted)
import type { Config } from "../config/model.js";
import { missingVariables, promptForMissing, type VariableArg } from "../config/variables.js";
import type { CliContext } from "./command.js";
import { colorize } from "./views/color.js";
import { inputPrompt } from "./views/input-prompt.js";

/** Terraform's Meta.Input: -input=false or a false TF_INPUT turns prompting off. */
function inputEnabled(ctx: CliContext, inputFlag: boolean): boolean {
  if (!inputFlag) return false;
  const env = ctx.env.TF_INPUT;
  return !(env !== undefined && /^(0|f|false)$/i.test(env.trim()));
}

export async function promptedVariables(
  config: Config,
  dir: string,
  ctx: CliContext,
  args: readonly VariableArg[],
  inputFlag: boolean,
): Promise<Map<string, string>> {
  if (!inputEnabled(ctx, inputFlag) || ctx.stdin.isTTY !== true) return new Map();
  const names = missingVariables(config, { dir, env: ctx.env, args });
  if (names.length === 0) return new Map();
  const cz = colorize(ctx.color);
  return promptForMissing(config, names, { stdin: ctx.stdin, stdout: ctx.stdout, prompt: (query, description) => inputPrompt(cz, query, description) });
}
