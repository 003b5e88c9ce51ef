// `tfsim init`: prepares a working directory as `terraform init` does: checks the configuration, finds the
// providers it needs among tfsim's built-in ones, and records them in .terraform/ (tfsim has no downloads).
// terraform_data-only configurations work without init, as in Terraform.
import { colorize } from "../views/color.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { println, type Command } from "../command.js";
import { loadConfig } from "../../config/load.js";
import { walkModuleCalls } from "../../engine/module-source.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { Resource } from "../../addrs/index.js";
import { builtInProviders } from "../../provider/registry.js";
import type { Diagnostic } from "../../diag/diagnostic.js";

export const initCommand: Command = {
  name: "init",
  synopsis: "Prepare your working directory for other commands",
  main: true,
  help: `Usage: tfsim [global options] init [options]

  Initialize a new or existing tfsim working directory by creating
  initial files, loading any remote state, downloading modules, etc.

Options:

  -input=true             Ask for input if necessary.
  -no-color               If specified, output won't contain any color.
  -upgrade                Accepted for compatibility; tfsim's providers are built in.
`,
  flags: { input: { type: "boolean", default: true }, upgrade: { type: "boolean" }, backend: { type: "boolean", default: true }, json: { type: "boolean" } },
  async run(args, ctx) {
    // -json output never has colour (tfsim prints init's human text for it).
    const color = ctx.color && args.flags.json !== true;
    const io = { stdout: ctx.stdout, stderr: ctx.stderr, color };
    const cz = colorize(color);
    if (args.positionals.length > 0) {
      println(ctx.stderr, "\nError: Too many command line arguments. Did you mean to use -chdir?\n");
      return 1;
    }
    const loaded = loadConfig(ctx.cwd, ".");
    if (loaded.diagnostics.some((d) => d.severity === "error")) {
      writeDiagnostics(io, loaded.diagnostics);
      return 1;
    }
    if (loaded.files.length === 0) {
      println(ctx.stdout, cz.color("[reset][bold]tfsim initialized in an empty directory![reset]\n\nThe directory has no tfsim configuration files. You may begin working\nwith tfsim immediately by creating tfsim configuration files."));
      return 0;
    }
    // Terraform's init view: each step's heading bold, the closing message green.
    const heading = (text: string): void => println(ctx.stdout, cz.color(`[reset][bold]${text}`));
    heading("Initializing the backend...");
    const mods = walkModuleCalls(ctx.cwd, loaded.config);
    if (mods.entries.length > 1 || mods.diagnostics.length) {
      heading("Initializing modules...");
      for (const e of mods.entries.slice(1)) println(ctx.stdout, `- ${e.Key} in ${e.Dir}`);
      if (mods.diagnostics.some((d) => d.severity === "error")) {
        writeDiagnostics(io, mods.diagnostics);
        return 1;
      }
    }
    mkdirSync(join(ctx.cwd, ".terraform", "modules"), { recursive: true });
    writeFileSync(join(ctx.cwd, ".terraform", "modules", "modules.json"), JSON.stringify({ Modules: mods.entries }));
    heading("Initializing provider plugins...");
    const registry = builtInProviders();
    const needed = new Map<string, string>();
    const diags: Diagnostic[] = [];
    for (const r of mods.configs.flatMap((c) => [...c.resources.values(), ...c.data.values()])) {
      const res = registry.resolveForResource(new Resource(r.mode === "data" ? "data" : "managed", r.type, r.name));
      if (!res.addr) continue;
      if (!registry.has(res.addr)) {
        const inst = await registry.instantiate(res.addr);
        diags.push(...inst.diagnostics);
        continue;
      }
      needed.set(res.addr.key(), res.addr.toString());
    }
    for (const p of [...needed.values()].sort()) println(ctx.stdout, `- ${p} is built in to tfsim`);
    if (diags.length) {
      writeDiagnostics(io, diags);
      return 1;
    }
    mkdirSync(join(ctx.cwd, ".terraform"), { recursive: true });
    writeFileSync(join(ctx.cwd, ".terraform", "tfsim-init.json"), JSON.stringify({ providers: [...needed.values()].sort() }, null, 2) + "\n");
    println(ctx.stdout, `\n${cz.color("[reset][bold][green]tfsim has been successfully initialized![reset][green]")}\n${cz.color(`[reset][green]
You may now begin working with tfsim. Try running "tfsim plan" to see
any changes that are required for your infrastructure. All tfsim commands
should now work.

If you ever set or change modules or backend configuration for tfsim,
rerun this command to reinitialize your working directory. If you forget, other
commands will detect it and remind you to do so if necessary.`)}`);
    return 0;
  },
};
