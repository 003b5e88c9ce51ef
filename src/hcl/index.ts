// The HCL front end: lexer, parser and syntax tree of the native syntax, and the JSON syntax of .tf.json.
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Body, Expression } from "./ast.js";
import { parseConfig, parseExpressionSource, parseTemplateSource } from "./parser.js";
import { sourceFile, type SourceFile } from "./source.js";

export * from "./ast.js";
export { lex, Lexer, checkInvalidTokens, type LexMode, type LexResult } from "./lexer.js";
export { TokenFlags, TokenKind, tokenKindName, tokenText, type Token } from "./token.js";
export { MAX_DEPTH } from "./parser.js";
export {
  parseJson,
  jsonStringTemplate,
  jsonStringExpression,
  startRange as jsonStartRange,
  MAX_JSON_DEPTH,
  type JsonValue,
  type JsonProperty,
  type JsonString,
} from "./json.js";

/** Parses a .tf file. Never throws: syntax errors come back as diagnostics, with placeholder nodes in the tree. */
export function parseConfigFile(file: SourceFile): { body: Body; diagnostics: Diagnostic[] } {
  return parseConfig(file);
}

/**
 * Parses a lone expression (the console, -var values, ...). Newlines inside it do not matter. `file` may be
 * a SourceFile or the expression's text (named "<expression>" in diagnostics).
 */
export function parseExpression(file: SourceFile | string, name = "<expression>"): { expr: Expression; diagnostics: Diagnostic[] } {
  return parseExpressionSource(typeof file === "string" ? sourceFile(name, file) : file);
}

/** Parses a whole input as a template, as HCL does for the strings of .tf.json files. */
export function parseTemplate(file: SourceFile | string, name = "<template>"): { expr: Expression; diagnostics: Diagnostic[] } {
  return parseTemplateSource(typeof file === "string" ? sourceFile(name, file) : file);
}
