// Every command tfsim knows: the table of contents the dispatcher and `tfsim -help` read. A command's module is
// imported only when that command runs, so `tfsim validate` never loads the cloud and `tfsim version` loads
// nothing else. Add a command by writing src/cli/commands/NAME.ts and adding ONE entry here.
import type { Command } from "../command.js";

export interface CommandEntry {
  /** "fmt", or "cloud serve" for a subcommand. */
  readonly name: string;
  /** One line for `tfsim -help`. */
  readonly synopsis: string;
  /** Listed under "Main commands" in `tfsim -help`. */
  readonly main?: boolean;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: "init", synopsis: "Prepare your working directory for other commands", main: true, load: async () => (await import("./init.js")).initCommand },
  { name: "plan", synopsis: "Show changes required by the current configuration", main: true, load: async () => (await import("./plan.js")).planCommand },
  { name: "apply", synopsis: "Create or update infrastructure", main: true, load: async () => (await import("./apply.js")).applyCommand },
  { name: "destroy", synopsis: "Destroy previously-created infrastructure", main: true, load: async () => (await import("./destroy.js")).destroyCommand },
  { name: "refresh", synopsis: "Update the state to match remote systems", load: async () => (await import("./refresh.js")).refreshCommand },
  { name: "validate", synopsis: "Check whether the configuration is valid", main: true, load: async () => (await import("./validate.js")).validateCommand },
  { name: "console", synopsis: "Try tfsim expressions at an interactive command prompt", load: async () => (await import("./console.js")).consoleCommand },
  { name: "fmt", synopsis: "Reformat your configuration in the standard style", load: async () => (await import("./fmt.js")).fmtCommand },
  { name: "version", synopsis: "Show the current tfsim version", load: async () => (await import("./version.js")).versionCommand },
  { name: "cloud", synopsis: "Manage the simulated AWS account", load: async () => (await import("./cloud-help.js")).cloudCommand },
  { name: "cloud serve", synopsis: "Serve the simulated AWS account over HTTP for the aws CLI and SDKs", load: async () => (await import("./cloud-serve.js")).cloudServeCommand },
  { name: "cloud credentials", synopsis: "Show the root access keys of the simulated AWS account", load: async () => (await import("./cloud-credentials.js")).cloudCredentialsCommand },
  { name: "cloud reset", synopsis: "Delete the simulated AWS account and everything in it", load: async () => (await import("./cloud-reset.js")).cloudResetCommand },
  { name: "cloud trail", synopsis: "Show the audit trail of the simulated AWS account", load: async () => (await import("./cloud-trail.js")).cloudTrailCommand },
  { name: "output", synopsis: "Show output values from your root module", load: async () => (await import("./output.js")).outputCommand },
  { name: "show", synopsis: "Show the current state or a saved plan", load: async () => (await import("./show.js")).showCommand },
  { name: "force-unlock", synopsis: "Release a stuck lock on the current workspace", load: async () => (await import("./force-unlock.js")).forceUnlockCommand },
  { name: "state", synopsis: "Advanced state management", load: async () => (await import("./state-help.js")).stateCommand },
  { name: "state list", synopsis: "List resources in the state", load: async () => (await import("./state-list.js")).stateListCommand },
  { name: "state mv", synopsis: "Move an item in the state", load: async () => (await import("./state-mv.js")).stateMvCommand },
  { name: "state pull", synopsis: "Pull current state and output to stdout", load: async () => (await import("./state-pull.js")).statePullCommand },
  { name: "state push", synopsis: "Update remote state from a local state file", load: async () => (await import("./state-push.js")).statePushCommand },
  { name: "state rm", synopsis: "Remove instances from the state", load: async () => (await import("./state-rm.js")).stateRmCommand },
  { name: "state show", synopsis: "Show a resource in the state", load: async () => (await import("./state-show.js")).stateShowCommand },
  { name: "graph", synopsis: "Generate a Graphviz graph of the steps in an operation", load: async () => (await import("./graph.js")).graphCommand },
  { name: "import", synopsis: "Associate existing infrastructure with a tfsim resource", load: async () => (await import("./import.js")).importCommand },
  { name: "taint", synopsis: "Mark a resource instance as not fully functional", load: async () => (await import("./taint.js")).taintCommand },
  { name: "untaint", synopsis: "Remove the 'tainted' state from a resource instance", load: async () => (await import("./taint.js")).untaintCommand },
];
