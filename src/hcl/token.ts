// Tokens of HCL's native syntax, modelled on hashicorp/hcl's hclsyntax scanner.
//
// A token is only {kind, start, end, flags}: offsets into the file's text. Nobody slices text until a node
// needs it. The lexer emits every token a formatter needs, including comments and newlines, and also the
// characters the language forbids (`;`, `'`, `**`, `&`, ...) so the parser and checkInvalidTokens can name
// them instead of failing with a vague error.
//
// Kinds are small integers, grouped, with First/Last markers so that classifying a token is a range check.
//
// How the token stream looks for the interesting forms (whitespace other than newlines is never a token;
// spaces and tabs between tokens are skipped, as hclsyntax does):
//
//   a = "x${b}y"      Ident Equal OQuote QuotedLit TemplateInterp Ident TemplateSeqEnd QuotedLit CQuote
//   "%{~ if c ~}"     OQuote TemplateControl(StripLeft) Ident Ident TemplateSeqEnd(StripRight) CQuote
//   "$${x}"           OQuote QuotedLit(HasEscape) CQuote           (the parser unescapes `$${` and `%%{`)
//   <<-EOT\n          OHeredoc(FlushHeredoc), covering "<<-EOT\n" including the newline
//     hi ${x}\n       StringLit("  hi ") TemplateInterp Ident TemplateSeqEnd StringLit("\n")
//     EOT\n           CHeredoc("  EOT": the marker line without its newline) Newline
//   # note\n          Comment, including its newline (so no Newline token follows a `#` or `//` comment)
//   /* x */           Comment, without any newline
//
// A quoted string that hits a newline yields QuotedNewline and stays in the string, as in hclsyntax; one
// that hits the end of the file just stops (the parser reports the missing CQuote). A heredoc whose marker
// never comes runs to the end of the file (the parser reports the missing CHeredoc).

export enum TokenKind {
  // Trivia and structure.
  EOF = 0,
  /** `\n` or `\r\n`. */
  Newline,
  /** `# ...` and `// ...` including the line's newline; `/* ... *\/` alone. */
  Comment,

  // Punctuation.
  OBrace, // {
  CBrace, // }
  OBrack, // [
  CBrack, // ]
  OParen, // (
  CParen, // )
  Comma, // ,
  Dot, // .
  Ellipsis, // ...
  Colon, // :
  DoubleColon, // ::
  Question, // ?
  Equal, // =
  FatArrow, // =>

  // Operators (binary and unary).
  FirstOperator,
  Plus = FirstOperator, // +
  Minus, // -
  Star, // *
  Slash, // /
  Percent, // %
  EqualOp, // ==
  NotEqual, // !=
  LessThan, // <
  LessThanEq, // <=
  GreaterThan, // >
  GreaterThanEq, // >=
  And, // &&
  Or, // ||
  Bang, // !
  LastOperator = Bang,

  // Literals.
  Ident,
  NumberLit,
  /** Literal text inside a quoted string; may contain backslash escapes and `$${` / `%%{`. */
  QuotedLit,
  /** Literal text inside a heredoc or bare template; no backslash escapes, but may contain `$${` / `%%{`. */
  StringLit,

  // Templates.
  OQuote, // "
  CQuote, // "
  /** `<<EOT` or `<<-EOT` and the newline that ends the introducer. */
  OHeredoc,
  /** The closing marker line (leading spaces and the marker), without its newline. */
  CHeredoc,
  /** `${` or `${~` */
  TemplateInterp,
  /** `%{` or `%{~` */
  TemplateControl,
  /** `}` or `~}` that closes a template interpolation or directive. */
  TemplateSeqEnd,

  // Recognised only to be reported: none of these is valid HCL.
  FirstInvalid,
  BitwiseAnd = FirstInvalid, // &
  BitwiseOr, // |
  BitwiseNot, // ~
  BitwiseXor, // ^
  /** Reserved: hclsyntax's scanner never emits it ("**" scans as two Stars), and neither do we. */
  StarStar,
  Apostrophe, // '
  Backtick, // `
  Semicolon, // ;
  /** Reserved: hclsyntax treats tabs as spaces between tokens, and so do we, so this is never emitted. */
  Tabs,
  /** U+FFFD (how a decoder marks bytes that were not UTF-8) or a lone surrogate. */
  BadUTF8,
  /** A newline inside a quoted string. */
  QuotedNewline,
  /** Any other character the language does not use (`@`, `$` outside templates, `\`, a lone `\r`, ...). */
  Invalid,
  LastInvalid = Invalid,
}

/** Facts about one token, as bits. */
export enum TokenFlags {
  None = 0,
  /** `${~` or `%{~`: strip whitespace before the sequence. */
  StripLeft = 1 << 0,
  /** `~}`: strip whitespace after the sequence. */
  StripRight = 1 << 1,
  /** A `/*` comment with no `*\/` before the end of the file. */
  Unterminated = 1 << 2,
  /** A literal containing a backslash escape, `$${` or `%%{`: the parser must unescape it. */
  HasEscape = 1 << 3,
  /** `<<-EOT`: the heredoc's common leading spaces are removed. */
  FlushHeredoc = 1 << 4,
}

export interface Token {
  kind: TokenKind;
  /** Offset of the first character (JS string index). */
  start: number;
  /** Offset just past the last character. */
  end: number;
  flags: TokenFlags;
}

export function isOperator(kind: TokenKind): boolean {
  return kind >= TokenKind.FirstOperator && kind <= TokenKind.LastOperator;
}

export function isInvalid(kind: TokenKind): boolean {
  return kind >= TokenKind.FirstInvalid && kind <= TokenKind.LastInvalid;
}

/** The fixed text of a punctuation or operator kind, for messages ("Expected a closing "]"."). */
export function tokenText(kind: TokenKind): string | undefined {
  return FIXED_TEXT[kind];
}

const FIXED_TEXT: Partial<Record<TokenKind, string>> = {
  [TokenKind.OBrace]: "{",
  [TokenKind.CBrace]: "}",
  [TokenKind.OBrack]: "[",
  [TokenKind.CBrack]: "]",
  [TokenKind.OParen]: "(",
  [TokenKind.CParen]: ")",
  [TokenKind.Comma]: ",",
  [TokenKind.Dot]: ".",
  [TokenKind.Ellipsis]: "...",
  [TokenKind.Colon]: ":",
  [TokenKind.DoubleColon]: "::",
  [TokenKind.Question]: "?",
  [TokenKind.Equal]: "=",
  [TokenKind.FatArrow]: "=>",
  [TokenKind.Plus]: "+",
  [TokenKind.Minus]: "-",
  [TokenKind.Star]: "*",
  [TokenKind.Slash]: "/",
  [TokenKind.Percent]: "%",
  [TokenKind.EqualOp]: "==",
  [TokenKind.NotEqual]: "!=",
  [TokenKind.LessThan]: "<",
  [TokenKind.LessThanEq]: "<=",
  [TokenKind.GreaterThan]: ">",
  [TokenKind.GreaterThanEq]: ">=",
  [TokenKind.And]: "&&",
  [TokenKind.Or]: "||",
  [TokenKind.Bang]: "!",
  [TokenKind.OQuote]: '"',
  [TokenKind.CQuote]: '"',
  [TokenKind.TemplateInterp]: "${",
  [TokenKind.TemplateControl]: "%{",
  [TokenKind.TemplateSeqEnd]: "}",
  [TokenKind.BitwiseAnd]: "&",
  [TokenKind.BitwiseOr]: "|",
  [TokenKind.BitwiseNot]: "~",
  [TokenKind.BitwiseXor]: "^",
  [TokenKind.StarStar]: "**",
  [TokenKind.Apostrophe]: "'",
  [TokenKind.Backtick]: "`",
  [TokenKind.Semicolon]: ";",
};

/** A readable name for debug dumps and test failures: "Ident", "OBrace", ... */
export function tokenKindName(kind: TokenKind): string {
  return KIND_NAMES[kind] ?? `Kind${kind}`;
}

// The enum's reverse mapping would name some kinds by their First/Last markers; skip those.
const KIND_NAMES: string[] = [];
for (const [name, value] of Object.entries(TokenKind)) {
  if (typeof value === "number" && !name.startsWith("First") && !name.startsWith("Last")) KIND_NAMES[value] = name;
}
