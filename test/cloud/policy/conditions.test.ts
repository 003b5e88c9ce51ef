// Condition building blocks: IP and CIDR parsing (IPv4, IPv6, mapped), AWS's date forms, policy variables.
import { describe, expect, it } from "vitest";
import { parseAwsDate } from "../../../src/cloud/iam/policy/date.js";
import { cidrContains, parseCidr, parseIp } from "../../../src/cloud/iam/policy/ip.js";
import { compileTemplate, resolveTemplate } from "../../../src/cloud/iam/policy/variables.js";
import { QMARK, STAR } from "../../../src/cloud/iam/policy/glob.js";

describe("IP addresses and CIDRs", () => {
  const inRange = (cidr: string, ip: string) => {
    const c = parseCidr(cidr);
    const a = parseIp(ip);
    if (!c || !a) throw new Error(`unparsable ${cidr} / ${ip}`);
    return cidrContains(c, a);
  };
  it("IPv4", () => {
    expect(inRange("203.0.113.0/24", "203.0.113.255")).toBe(true);
    expect(inRange("203.0.113.0/24", "203.0.114.0")).toBe(false);
    expect(inRange("10.0.0.0/8", "10.255.1.2")).toBe(true);
    expect(inRange("0.0.0.0/0", "192.0.2.1")).toBe(true);
    expect(inRange("192.0.2.1", "192.0.2.1")).toBe(true);
    expect(inRange("192.0.2.1/32", "192.0.2.2")).toBe(false);
    expect(inRange("172.16.0.0/12", "172.31.255.255")).toBe(true);
    expect(inRange("172.16.0.0/12", "172.32.0.0")).toBe(false);
  });
  it("IPv6, with :: compression and embedded IPv4", () => {
    expect(inRange("2001:db8::/32", "2001:db8:ffff::1")).toBe(true);
    expect(inRange("2001:db8::/32", "2001:db9::1")).toBe(false);
    expect(inRange("::1/128", "0:0:0:0:0:0:0:1")).toBe(true);
    expect(inRange("2001:db8:1234::/48", "2001:db8:1234:ffff:ffff:ffff:ffff:ffff")).toBe(true);
    expect(inRange("64:ff9b::/96", "64:ff9b::192.0.2.33")).toBe(true);
  });
  it("an IPv4-mapped IPv6 address is its IPv4 address; families do not mix otherwise", () => {
    expect(inRange("192.0.2.0/24", "::ffff:192.0.2.7")).toBe(true);
    expect(inRange("2001:db8::/32", "192.0.2.7")).toBe(false);
  });
  it("rejects malformed input", () => {
    for (const s of ["256.0.0.1", "1.2.3", "1.2.3.4.5", "a.b.c.d", "1:2:3", "1::2::3", "12345::", "", "1.2.3.4/33", "::/129", "1.2.3.4/x"]) expect(parseCidr(s)).toBeUndefined();
  });
});

describe("AWS date forms", () => {
  it("ISO 8601 with and without time and zone, and epoch seconds", () => {
    expect(parseAwsDate("2026-11-23T10:00:00Z")).toBe(Date.UTC(2026, 10, 23, 10));
    expect(parseAwsDate("2026-11-23")).toBe(Date.UTC(2026, 10, 23));
    expect(parseAwsDate("2026-11-23T10:00:00")).toBe(Date.UTC(2026, 10, 23, 10));
    expect(parseAwsDate("2026-11-23T11:00:00+01:00")).toBe(Date.UTC(2026, 10, 23, 10));
    expect(parseAwsDate("2026-11-23T10:00:00.250Z")).toBe(Date.UTC(2026, 10, 23, 10, 0, 0, 250));
    expect(parseAwsDate("1700000000")).toBe(1_700_000_000_000);
  });
  it("rejects what is not a date", () => {
    for (const s of ["yesterday", "2026-13-01", "2026-11-23T25:00:00Z", "", "2026/11/23"]) expect(parseAwsDate(s)).toBeNaN();
  });
});

describe("policy variables", () => {
  const lookup = (k: string) => ({ "aws:username": "dev", "aws:principaltag/team": "blue" })[k];
  it("substitutes known keys case-insensitively", () => {
    expect(resolveTemplate(compileTemplate("home/${aws:username}/x", true, false), lookup)).toBe("home/dev/x");
    expect(resolveTemplate(compileTemplate("${AWS:UserName}", true, false), lookup)).toBe("dev");
    expect(resolveTemplate(compileTemplate("t/${aws:PrincipalTag/Team}", true, false), lookup)).toBe("t/blue");
  });
  it("leaves a template unresolved when a key is absent, unless it has a default", () => {
    expect(resolveTemplate(compileTemplate("u/${aws:userid}", true, false), lookup)).toBeUndefined();
    expect(resolveTemplate(compileTemplate("u/${aws:userid, 'none'}", true, false), lookup)).toBe("u/none");
  });
  it("${*}, ${?} and ${$} are literal characters, never wildcards", () => {
    expect(compileTemplate("a${*}b${?}c${$}d*e?", true, true)).toBe(`a*b?c$d${STAR}e${QMARK}`);
  });
  it("is literal text when variables are off (Version 2008-10-17)", () => {
    expect(compileTemplate("home/${aws:username}", false, false)).toBe("home/${aws:username}");
  });
  it("keeps malformed variables as text", () => {
    expect(resolveTemplate(compileTemplate("a${}b${unterminated", true, false), lookup)).toBe("a${}b${unterminated");
  });
});
