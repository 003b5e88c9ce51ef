// Where each statement sits in a policy's JSON text, as IAM's policy simulator reports it (StartPosition and
// EndPosition of each matched statement: 1-based line and column of its opening brace, and of the position
// just past its closing brace). A small scanner over the already-validated text; it never throws.

export interface Position {
  readonly line: number;
  readonly column: number;
}

export function statementPositions(source: string): { start: Position; end: Position }[] {
  const out: { start: Position; end: Position }[] = [];
  let line = 1;
  let column = 1;
  let depth = 0;
  let inString = false;
  let lastString = "";
  let stringStart = 0;
  /** Depth at which the value of the top-level "Statement" key starts, while inside it. */
  let statementDepth = -1;
  let statementIsArray = false;
  let pendingKey = false;
  let start: Position | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (inString) {
      if (c === "\\") {
        i++;
        column += 2;
        continue;
      }
      if (c === '"') {
        inString = false;
        lastString = source.slice(stringStart, i);
      }
    } else if (c === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (c === ":") {
      pendingKey = depth === 1 && lastString === "Statement";
    } else if (c === "{" || c === "[") {
      if (pendingKey && statementDepth < 0) {
        statementDepth = depth;
        statementIsArray = c === "[";
      }
      pendingKey = false;
      if (c === "{" && statementDepth >= 0 && depth === statementDepth + (statementIsArray ? 1 : 0)) start = { line, column };
      depth++;
    } else if (c === "}" || c === "]") {
      depth--;
      if (c === "}" && start && depth === statementDepth + (statementIsArray ? 1 : 0)) {
        out.push({ start, end: { line, column: column + 1 } });
        start = undefined;
      }
      if (depth === statementDepth) statementDepth = -2; // the Statement value is done
    } else if (c === "," ) {
      pendingKey = false;
    }
    if (c === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return out;
}
