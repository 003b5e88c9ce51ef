// What every address parser returns: the address when it parsed, and the diagnostics explaining why not.
import { Diagnostics } from "../diag/diagnostic.js";

export interface ParseResult<T> {
  /** Undefined exactly when `diagnostics` has errors. */
  readonly addr: T | undefined;
  readonly diagnostics: Diagnostics;
}

export function parsed<T>(addr: T): ParseResult<T> {
  return { addr, diagnostics: new Diagnostics() };
}

export function failed<T>(diagnostics: Diagnostics): ParseResult<T> {
  return { addr: undefined, diagnostics };
}
