// Colour in human output, as Terraform adds it: its views write format strings with tags such as "[bold]" and
// "[green]...[reset]" and pass them through mitchellh/colorstring, which turns each known tag into an ANSI escape
// and, when it turned any, appends a reset at the end of the string. The bytes Terraform prints depend on which
// pieces it passes through that call, so tfsim's views call `color` on the same pieces. With colour off the
// tags are simply dropped, which gives the -no-color text.

const CODES: Readonly<Record<string, string>> = {
  default: "39",
  _default_: "49",
  black: "30",
  red: "31",
  green: "32",
  yellow: "33",
  blue: "34",
  magenta: "35",
  cyan: "36",
  light_gray: "37",
  dark_gray: "90",
  light_red: "91",
  light_green: "92",
  light_yellow: "93",
  light_blue: "94",
  light_magenta: "95",
  light_cyan: "96",
  white: "97",
  _black_: "40",
  _red_: "41",
  _green_: "42",
  _yellow_: "43",
  _blue_: "44",
  _magenta_: "45",
  _cyan_: "46",
  _light_gray_: "47",
  _dark_gray_: "100",
  _light_red_: "101",
  _light_green_: "102",
  _light_yellow_: "103",
  _light_blue_: "104",
  _light_magenta_: "105",
  _light_cyan_: "106",
  _white_: "107",
  bold: "1",
  dim: "2",
  underline: "4",
  blink_slow: "5",
  blink_fast: "6",
  invert: "7",
  hidden: "8",
  reset: "0",
  reset_bold: "21",
};

const TAG = /\[[a-z0-9_-]+\]/gi;

export interface Colorize {
  readonly enabled: boolean;
  /** The template with its tags turned into escapes (and a reset appended), or dropped when colour is off. */
  color(template: string): string;
  /**
   * Terraform's fmt.Sprintf(Color(template), text): the template coloured first, then `text` put in place of its
   * "%s", so that brackets in the text (addresses, ids) are never read as tags.
   */
  format(template: string, text: string): string;
}

export function colorize(enabled: boolean): Colorize {
  return {
    enabled,
    format(template: string, text: string): string {
      return this.color(template).replace("%s", () => text);
    },
    color(template: string): string {
      let known = false;
      const out = template.replace(TAG, (tag) => {
        const code = CODES[tag.slice(1, -1)];
        if (code === undefined) return tag;
        known = true;
        return enabled ? `\u001b[${code}m` : "";
      });
      return known && enabled ? `${out}\u001b[0m` : out;
    },
  };
}

/** Colour off: every tag dropped. For views rendered where colour never applies (files, JSON). */
export const noColor: Colorize = colorize(false);

/** Terraform's format.HorizontalRule at 78 columns (its width off a terminal): a newline, then the rule in dark gray. */
export function horizontalRule(cz: Colorize): string {
  return cz.color(`[dark_gray]\n${"─".repeat(77)}`);
}
