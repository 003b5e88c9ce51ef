// The tfsim entry point: global options, command dispatch, exit codes. Shaped like Terraform's CLI:
//   tfsim [global options] <subcommand> [args]
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { printHelpHint, println, type CliContext } from "./command.js";
import { commands, type CommandEntry } from "./commands/index.js";
import { parseFlags } from "./flags.js";
import { writeDiagnostics } from "./render-diagnostics.js";
import { error } from "../diag/diagnostic.js";

export interface MainIO {
  stdin?: Readable & { isTTY?: boolean };
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

function topLevelHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const line = (c: CommandEntry) => `  ${c.name.padEnd(width)}${c.synopsis}`;
  const top = commands.filter((c) => !c.name.includes(" "));
  return `Usage: tfsim [global options] <subcommand> [args]

The available commands for execution are listed below.
The primary workflow commands are given first, followed by
less common or more advanced commands.

Main commands:
${top.filter((c) => c.main).map(line).join("\n")}

All other commands:
${top.filter((c) => !c.main).map(line).join("\n")}

Global options (use these before the subcommand, if any):
  -chdir=DIR    Switch to a different working directory before executing the
                given subcommand.
  -help         Show this help output, or the help for a specified subcommand.
  -version      An alias for the "version" subcommand.
`;
}

/** Levenshtein distance, for "Did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < 3 && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

// Terraform colours its human output whether or not stdout is a terminal; only -no-color turns it off. NO_COLOR
// (no-color.org) is tfsim's own addition: Terraform ignores it.
function colorWanted(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.includes("-no-color") || argv.includes("--no-color")) return false;
  return env.NO_COLOR === undefined || env.NO_COLOR === "";
}

export async function main(argv: readonly string[], io: MainIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const stdin = io.stdin ?? process.stdin;
  const env = io.env ?? process.env;
  let cwd = io.cwd ?? process.cwd();
  try {
    // Global options come before the subcommand.
    let i = 0;
    let wantHelp = false;
    for (; i < argv.length && argv[i]!.startsWith("-"); i++) {
      const a = argv[i]!.replace(/^--?/, "-");
      if (a === "-help" || a === "-h") wantHelp = true;
      else if (a === "-version" || a === "-v") return await dispatch(["version", ...argv.slice(i + 1)]);
      else if (a.startsWith("-chdir=") || a === "-chdir") {
        const dir = a === "-chdir" ? argv[++i] : a.slice("-chdir=".length);
        if (!dir) {
          println(stderr, "Error: Invalid -chdir option\n\nThe -chdir option requires a directory path.");
          return 1;
        }
        const target = resolve(cwd, dir);
        if (!existsSync(target) || !statSync(target).isDirectory()) {
          println(stderr, `Error handling -chdir option: chdir ${dir}: no such file or directory`);
          return 1;
        }
        cwd = target;
      } else {
        println(stderr, `Error: Unknown global option ${argv[i]}\n`);
        stderr.write(topLevelHelp());
        return 1;
      }
    }
    const rest = argv.slice(i);
    if (rest.length === 0) {
      (wantHelp ? stdout : stderr).write(topLevelHelp());
      return wantHelp ? 0 : 1;
    }
    if (wantHelp) return await dispatch([...rest, "-help"]);
    return await dispatch(rest);
  } catch (err) {
    println(
      stderr,
      `\nError: tfsim crashed (internal error)\n\n${err instanceof Error ? err.message : String(err)}\n\n` +
        "This is a bug in tfsim, not in your configuration. Please report it with the command you ran.",
    );
    if (env.TFSIM_DEBUG) println(stderr, err instanceof Error ? (err.stack ?? "") : "");
    return 1;
  }

  async function dispatch(args: readonly string[]): Promise<number> {
    // Longest matching command name: "state list" before "state".
    let entry: CommandEntry | undefined;
    let consumed = 0;
    for (const c of commands) {
      const parts = c.name.split(" ");
      if (parts.every((p, k) => args[k] === p) && parts.length > consumed) {
        entry = c;
        consumed = parts.length;
      }
    }
    if (!entry) {
      const name = args[0]!;
      const hint = suggest(name, commands.filter((c) => !c.name.includes(" ")).map((c) => c.name));
      println(stderr, `tfsim has no command named "${name}".${hint ? ` Did you mean "${hint}"?` : ""}\n`);
      println(stderr, "To see all of tfsim's top-level commands, run:\n  tfsim -help\n");
      return 1;
    }
    const command = await entry.load();
    const cmdArgs = args.slice(consumed);
    if (cmdArgs.some((a) => a === "-help" || a === "--help" || a === "-h")) {
      stdout.write(command.help);
      return 0;
    }
    // Terraform takes -no-color out of the arguments wherever it appears (Meta.process), even after positionals.
    const parsed = parseFlags(
      cmdArgs.filter((a) => a !== "-no-color" && a !== "--no-color"),
      { ...command.flags, "no-color": { type: "boolean" } },
    );
    const ctx: CliContext = { cwd, stdin, stdout, stderr, env, color: colorWanted(cmdArgs, env) };
    if (!parsed.ok) {
      reportFlagError(entry.name, parsed.message, command.help, ctx);
      return 1;
    }
    return command.run(parsed.args, ctx);
  }
}

/**
 * A flag the command does not define, reported as that Terraform command does: the commands built on its views
 * print a diagnostic (and where to get help), the state commands a one-line error, the rest their usage.
 */
function reportFlagError(name: string, message: string, help: string, ctx: CliContext): void {
  const viewCommands = ["plan", "apply", "destroy", "output", "show", "validate", "refresh", "init"];
  if (viewCommands.includes(name)) {
    writeDiagnostics(ctx, [error("Failed to parse command-line flags", message)]);
    if (name !== "init") printHelpHint(ctx.stderr, name);
  } else if (name === "state show") println(ctx.stderr, `Error parsing command-line flags: ${message}`);
  else if (name === "state list") {
    println(ctx.stderr, `Error parsing command-line flags: ${message}\n`);
    ctx.stdout.write(help);
  } else if (name.startsWith("state ")) println(ctx.stderr, `Error parsing command-line flags: ${message}\n`);
  else if (name.startsWith("cloud")) {
    println(ctx.stderr, `Error parsing command-line flags: ${message}\n`);
    ctx.stderr.write(help);
  } else ctx.stderr.write(help);
}
