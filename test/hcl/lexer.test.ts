import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { lex } from "../../src/hcl/lexer.js";
import { sourceFile } from "../../src/hcl/source.js";
import { TokenFlags, TokenKind, tokenKindName, type Token } from "../../src/hcl/token.js";

function toks(text: string, mode: "config" | "template" = "config"): Token[] {
  return lex(sourceFile("t.tf", text), mode).tokens;
}

/** "Kind:text" for each token, for readable expectations. */
function dump(text: string, mode: "config" | "template" = "config"): string[] {
  return toks(text, mode).map((t) => `${tokenKindName(t.kind)}:${text.slice(t.start, t.end)}`);
}

function diags(text: string): string[] {
  return lex(sourceFile("t.tf", text)).diagnostics.map((d) => `${d.summary} @${d.subject!.start}-${d.subject!.end}`);
}

describe("lexer", () => {
  it("scans an attribute and a block", () => {
    expect(dump('resource "a" "b" {\n  x = 1\n}\n')).toEqual([
      "Ident:resource",
      'OQuote:"',
      "QuotedLit:a",
      'CQuote:"',
      'OQuote:"',
      "QuotedLit:b",
      'CQuote:"',
      "OBrace:{",
      "Newline:\n",
      "Ident:x",
      "Equal:=",
      "NumberLit:1",
      "Newline:\n",
      "CBrace:}",
      "Newline:\n",
      "EOF:",
    ]);
  });

  it("scans every operator and punctuation mark", () => {
    const src = "== != <= >= < > && || ! + - * / % = => ? : :: ... . , ( ) [ ] { }";
    expect(dump(src).map((s) => s.split(":")[0])).toEqual([
      "EqualOp", "NotEqual", "LessThanEq", "GreaterThanEq", "LessThan", "GreaterThan", "And", "Or", "Bang",
      "Plus", "Minus", "Star", "Slash", "Percent", "Equal", "FatArrow", "Question", "Colon", "DoubleColon",
      "Ellipsis", "Dot", "Comma", "OParen", "CParen", "OBrack", "CBrack", "OBrace", "CBrace", "EOF",
    ]);
  });

  it("scans numbers like hclsyntax, exponents included", () => {
    expect(dump("1 1.5 1e3 1.5E+3 2e-2 0.1.2")).toEqual([
      "NumberLit:1", "NumberLit:1.5", "NumberLit:1e3", "NumberLit:1.5E+3", "NumberLit:2e-2", "NumberLit:0.1.2", "EOF:",
    ]);
    // A trailing dot or a bare "e" is not part of the number.
    expect(dump("1.a 1e")).toEqual(["NumberLit:1", "Dot:.", "Ident:a", "NumberLit:1", "Ident:e", "EOF:"]);
    expect(dump("a.0.1")).toEqual(["Ident:a", "Dot:.", "NumberLit:0.1", "EOF:"]);
  });

  it("scans identifiers with dashes and non-ASCII letters", () => {
    expect(dump("foo-bar_1 é_x 名前")).toEqual(["Ident:foo-bar_1", "Ident:é_x", "Ident:名前", "EOF:"]);
  });

  it("keeps the newline inside # and // comments, not inside /* */", () => {
    expect(dump("# a\n// b\r\n/* c\n d */\nx")).toEqual([
      "Comment:# a\n", "Comment:// b\r\n", "Comment:/* c\n d */", "Newline:\n", "Ident:x", "EOF:",
    ]);
    const t = toks("/* open");
    expect(t[0]!.kind).toBe(TokenKind.Comment);
    expect(t[0]!.flags & TokenFlags.Unterminated).toBeTruthy();
  });

  it("splits quoted templates into literals, interpolations and directives", () => {
    expect(dump('"a${b}c%{~ if d ~}e$${f}%%{g}\\"h"')).toEqual([
      'OQuote:"', "QuotedLit:a", "TemplateInterp:${", "Ident:b", "TemplateSeqEnd:}", "QuotedLit:c",
      "TemplateControl:%{~", "Ident:if", "Ident:d", "TemplateSeqEnd:~}", 'QuotedLit:e$${f}%%{g}\\"h', 'CQuote:"', "EOF:",
    ]);
    const t = toks('"%{~ if d ~}$${x}"');
    expect(t[1]!.flags).toBe(TokenFlags.StripLeft);
    expect(t[4]!.flags).toBe(TokenFlags.StripRight);
    expect(t[5]!.flags & TokenFlags.HasEscape).toBeTruthy();
  });

  it("counts braces inside an interpolation", () => {
    expect(dump('"${ {a = "}"}.a }x"').map((s) => s.split(":")[0])).toEqual([
      "OQuote", "TemplateInterp", "OBrace", "Ident", "Equal", "OQuote", "QuotedLit", "CQuote", "CBrace", "Dot",
      "Ident", "TemplateSeqEnd", "QuotedLit", "CQuote", "EOF",
    ]);
  });

  it("scans heredocs: introducer with newline, literal lines, closing marker then a newline", () => {
    const src = "x = <<-EOT\n  a ${b}\n  $${c}\n  EOT\ny = 1\n";
    expect(dump(src)).toEqual([
      "Ident:x", "Equal:=", "OHeredoc:<<-EOT\n", "StringLit:  a ", "TemplateInterp:${", "Ident:b", "TemplateSeqEnd:}",
      "StringLit:\n", "StringLit:  $${c}\n", "CHeredoc:  EOT", "Newline:\n", "Ident:y", "Equal:=", "NumberLit:1",
      "Newline:\n", "EOF:",
    ]);
    expect(toks(src)[2]!.flags).toBe(TokenFlags.FlushHeredoc);
    // The marker must be alone on its line, and a line that merely contains it does not close the heredoc.
    expect(dump("<<EOT\nEOTX\n EOT \n").map((s) => s.split(":")[0])).toEqual([
      "OHeredoc", "StringLit", "CHeredoc", "Newline", "EOF",
    ]);
    // CRLF line ends.
    expect(dump("<<EOT\r\nhi\r\nEOT\r\n")).toEqual(["OHeredoc:<<EOT\r\n", "StringLit:hi\r\n", "CHeredoc:EOT", "Newline:\r\n", "EOF:"]);
  });

  it("leaves an unterminated heredoc open to the end (a marker without a newline does not close it)", () => {
    expect(dump("<<EOT\nhello\nEOT").map((s) => s.split(":")[0])).toEqual(["OHeredoc", "StringLit", "StringLit", "EOF"]);
  });

  it("treats << without a heredoc introducer as two less-than signs", () => {
    expect(dump("a << b").map((s) => s.split(":")[0])).toEqual(["Ident", "LessThan", "LessThan", "Ident", "EOF"]);
  });

  it("reports a newline inside a quoted string and stays in the string, as hclsyntax does", () => {
    expect(dump('a = "x\nb" c').map((s) => s.split(":")[0])).toEqual([
      "Ident", "Equal", "OQuote", "QuotedLit", "QuotedNewline", "QuotedLit", "CQuote", "Ident", "EOF",
    ]);
    expect(diags('a = "x\nb"')).toEqual(["Invalid multi-line string @6-7"]);
  });

  it("scans bare templates (for .tf.json strings) line by line", () => {
    expect(dump("a\nb${c}", "template")).toEqual(["StringLit:a\n", "StringLit:b", "TemplateInterp:${", "Ident:c", "TemplateSeqEnd:}", "EOF:"]);
  });

  it("names the characters the language forbids, with hclsyntax's limits on repetition", () => {
    expect(diags("a = 1;;\nb = 'x'\nc = 2 && 3 & 4 | 5 ^ 6 ~ 7 ~ 8\nd = `e`\n@")).toEqual([
      "Invalid character @5-6",
      "Invalid character @12-13",
      "Unsupported operator @27-28",
      "Unsupported operator @31-32",
      "Unsupported operator @35-36",
      "Unsupported operator @39-40",
      "Invalid character @51-52",
      "Invalid character @55-56",
    ]);
    // As in hclsyntax, "**" is two multiplication signs (the parser then finds no operand).
    expect(dump("2 ** 3").map((x) => x.split(":")[0])).toEqual(["NumberLit", "Star", "Star", "NumberLit", "EOF"]);
    const d = lex(sourceFile("t.tf", "a = 1 & 2")).diagnostics[0]!;
    expect(d.detail).toBe('Bitwise operators are not supported. Did you mean boolean AND ("&&")?');
  });

  it("reports bad encoding once", () => {
    expect(diags("a = \ufffd\ufffd\nb = \ud800")).toEqual(["Invalid character encoding @4-5"]);
  });

  it("treats tabs as spaces and skips a byte-order mark", () => {
    expect(dump("\ufeffa\t=\t1")).toEqual(["Ident:a", "Equal:=", "NumberLit:1", "EOF:"]);
    expect(diags("\ta = 1")).toEqual([]);
  });

  it("ends with EOF in every state, including an unterminated string", () => {
    for (const src of ['"abc', '"${a', "<<EOT\nx", "/*", '"${"${"', "${", "}}}~}"]) {
      const t = toks(src);
      expect(t[t.length - 1]!.kind).toBe(TokenKind.EOF);
    }
  });

  it("covers the input: tokens are ordered and only spaces and tabs lie between them", () => {
    const alphabet = fc.constantFrom(
      ..."ab1 \t\n\r\"'${}%~[]().,=<>!&|*/#-+:;?`\\é\ufffd\ud800".split(""),
      "<<EOT\n", "\nEOT\n", "${", "%{", "}", "/*", "*/", "\"",
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        const t = toks(text);
        let at = 0;
        for (const tok of t) {
          expect(tok.start).toBeGreaterThanOrEqual(at);
          expect(tok.end).toBeGreaterThanOrEqual(tok.start);
          for (let i = at; i < tok.start; i++) expect([" ", "\t"]).toContain(text[i]);
          at = tok.end;
        }
        expect(at).toBe(text.length);
        expect(t[t.length - 1]!.kind).toBe(TokenKind.EOF);
      }),
      { numRuns: 2000 },
    );
  });
});
