// An output value: `output.NAME` in a module, and AbsOutputValue, the same in a module instance
// (`module.app.output.url`; in the root module the state and the CLI print just the name).
import { Diagnostics, error } from "../diag/diagnostic.js";
import { ModuleInstance, parseModuleInstancePrefix } from "./module-instance.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { parseTraversal } from "./traversal.js";

export class OutputValue {
  constructor(readonly name: string) {}

  toString(): string {
    return `output.${this.name}`;
  }

  key(): string {
    return this.toString();
  }

  absolute(module: ModuleInstance): AbsOutputValue {
    return new AbsOutputValue(module, this);
  }
}

export class AbsOutputValue {
  constructor(
    readonly module: ModuleInstance,
    readonly output: OutputValue,
  ) {}

  /** `output.url` or `module.app.output.url`. */
  toString(): string {
    return this.module.isRoot() ? this.output.toString() : `${this.module.toString()}.${this.output.toString()}`;
  }

  key(): string {
    return this.toString();
  }

  equals(other: AbsOutputValue): boolean {
    return this.key() === other.key();
  }
}

/** Parses `output.NAME` or `module.a.output.NAME`, with Terraform's ParseAbsOutputValueStr wording. */
export function parseAbsOutputValue(text: string): ParseResult<AbsOutputValue> {
  const t = parseTraversal(text);
  const diagnostics = new Diagnostics(t.diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const { module, remain } = parseModuleInstancePrefix(t.steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const [kw, name, ...extra] = remain;
  if (kw === undefined || name === undefined || extra.length > 0) {
    diagnostics.append(
      error("Invalid address", "An output name is required.", (kw ?? t.steps[0])?.range),
    );
    return failed(diagnostics);
  }
  if (kw.kind === "index" || kw.name !== "output") {
    diagnostics.append(error("Invalid address", "Output address must start with \"output.\".", kw.range));
    return failed(diagnostics);
  }
  if (name.kind !== "attr") {
    diagnostics.append(error("Invalid address", "An output name is required.", name.range));
    return failed(diagnostics);
  }
  return parsed(new AbsOutputValue(module, new OutputValue(name.name)));
}
