// One type for every user-facing error or warning, in every layer. Layers return diagnostics as values;
// only the CLI renders them and picks the exit code.
import { positionOf, type Range } from "../hcl/source.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** Short, title-case: "Unsupported block type". */
  readonly summary: string;
  /** Full sentences, ideally with a suggested fix. */
  readonly detail?: string;
  /** The narrow range the problem is about (underlined when rendered). */
  readonly subject?: Range;
  /** A wider range giving context (e.g. the whole expression). */
  readonly context?: Range;
  /** Resource or other object address the diagnostic is about, e.g. "aws_instance.web[0]". */
  readonly address?: string;
  /**
   * An attribute path inside the object at `address`, for diagnostics raised deep down (a provider) that
   * the caller later matches against the config body to find `subject`.
   */
  readonly attributePath?: readonly (string | number)[];
  /**
   * What the failing expression's references evaluated to ("local.m" "is map of string with 2 elements"),
   * shown under the snippet as Terraform does; set by the evaluator.
   */
  readonly values?: readonly ExpressionValue[];
  /** The function being called when the problem arose, for "while calling name(params...)". */
  readonly functionCall?: FunctionCallInfo;
}

export interface ExpressionValue {
  readonly traversal: string;
  readonly statement: string;
}

export interface FunctionCallInfo {
  readonly calledAs: string;
  readonly params: readonly string[];
  readonly variadicParam?: string;
}

export function error(summary: string, detail?: string, subject?: Range, extra?: Partial<Diagnostic>): Diagnostic {
  return { severity: "error", summary, ...(detail !== undefined ? { detail } : {}), ...(subject ? { subject } : {}), ...extra };
}

export function warning(summary: string, detail?: string, subject?: Range, extra?: Partial<Diagnostic>): Diagnostic {
  return { severity: "warning", summary, ...(detail !== undefined ? { detail } : {}), ...(subject ? { subject } : {}), ...extra };
}

/** A list of diagnostics. An empty list means success. */
export class Diagnostics implements Iterable<Diagnostic> {
  readonly items: Diagnostic[] = [];

  constructor(items?: Iterable<Diagnostic>) {
    if (items) for (const d of items) this.items.push(d);
  }

  append(...more: (Diagnostic | Iterable<Diagnostic> | undefined)[]): this {
    for (const m of more) {
      if (!m) continue;
      if (isDiagnostic(m)) this.items.push(m);
      else for (const d of m) this.items.push(d);
    }
    return this;
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  get length(): number {
    return this.items.length;
  }

  errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "error");
  }

  warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "warning");
  }

  /**
   * Terraform's order: warnings first, then diagnostics without a source, then by file name and offset.
   * Stable, so diagnostics at the same place keep the order they were reported in.
   */
  sort(): this {
    const rank = (d: Diagnostic) => (d.severity === "warning" ? 0 : 1);
    this.items.sort((a, b) => {
      const r = rank(a) - rank(b);
      if (r !== 0) return r;
      if (!a.subject || !b.subject) return (a.subject ? 1 : 0) - (b.subject ? 1 : 0);
      if (a.subject.file.name !== b.subject.file.name) return a.subject.file.name < b.subject.file.name ? -1 : 1;
      return a.subject.start - b.subject.start;
    });
    return this;
  }

  [Symbol.iterator](): Iterator<Diagnostic> {
    return this.items[Symbol.iterator]();
  }
}

function isDiagnostic(x: Diagnostic | Iterable<Diagnostic>): x is Diagnostic {
  return typeof (x as Diagnostic).summary === "string" && typeof (x as Diagnostic).severity === "string";
}

/** A compact one-line form for logs and test failure messages: "main.tf:3,1: Unsupported block type". */
export function diagnosticToString(d: Diagnostic): string {
  if (!d.subject) return `${d.severity}: ${d.summary}`;
  const p = positionOf(d.subject.file, d.subject.start);
  return `${d.subject.file.name}:${p.line},${p.column}: ${d.summary}`;
}
