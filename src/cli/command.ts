// What every CLI command is: a name, help text shaped like Terraform's, its flags, and a run function.
// Commands live one per file in src/cli/commands/ and are listed in src/cli/commands/index.ts.
import type { Readable, Writable } from "node:stream";

export type FlagType = "boolean" | "string" | "number";

export interface FlagSpec {
  readonly type: FlagType;
  /** Flags that may repeat (-var, -target) collect into an array. */
  readonly repeatable?: boolean;
  readonly default?: boolean | string | number;
}

export interface CliContext {
  /** The working directory after -chdir. */
  readonly cwd: string;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** True unless -no-color was given or NO_COLOR is set (Terraform colours even when stdout is not a terminal). */
  readonly color: boolean;
}

export type FlagValue = boolean | string | number | string[];

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, FlagValue | undefined>>;
  readonly positionals: readonly string[];
}

export interface Command {
  /** "fmt", or "state list" for a subcommand. */
  readonly name: string;
  /** One line; the dispatcher's table (src/cli/commands/index.ts) is what `tfsim -help` prints. */
  readonly synopsis?: string;
  readonly main?: boolean;
  /** Full help text, printed by `tfsim <command> -help` and after a flag error. */
  readonly help: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}

/** Writes a line (adds "\n"). */
export function println(stream: Writable, text = ""): void {
  stream.write(text + "\n");
}

/** Terraform's pointer to a command's help, after an argument error: a blank line, then where to look. */
export function printHelpHint(stderr: Writable, command: string): void {
  println(stderr, `\nFor more help on using this command, run:\n  tfsim ${command} -help`);
}
