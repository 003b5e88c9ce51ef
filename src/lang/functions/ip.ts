// IP network functions: cidrhost cidrnetmask cidrsubnet cidrsubnets, over IPv4 and IPv6 as bigint addresses.
// Addresses print as Go's net.IP.String does (IPv6: lowercase, longest run of two or more zero groups as "::").
import { NumberType, StringType, listOf } from "../types.js";
import { Value } from "../value.js";
import { FunctionError, type FunctionSpec } from "./spec.js";
import { toInt } from "./util.js";

export interface Network {
  /** Network address (host bits cleared). */
  readonly addr: bigint;
  readonly prefix: number;
  /** 32 or 128. */
  readonly bits: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // Terraform's ipaddr package (Go's net before 1.17) reads leading zeros as decimal.
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  let tail4: bigint | undefined;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    tail4 = parseIPv4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    s = s.slice(0, lastColon + 1) + "0:0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === "" ? [] : h.split(":"));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : fill < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill("0"), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) v = (v & ~0xffffffffn) | tail4;
  return v;
}

export function parseCidr(s: string): Network | string {
  const slash = s.indexOf("/");
  const bad = `invalid CIDR address: ${s}`;
  if (slash < 0) return bad;
  const ip = s.slice(0, slash);
  const plen = s.slice(slash + 1);
  const v4 = parseIPv4(ip);
  const bits = v4 !== undefined ? 32 : 128;
  const addr = v4 ?? parseIPv6(ip);
  if (addr === undefined || !/^\d+$/.test(plen) || Number(plen) > bits) return bad;
  const prefix = Number(plen);
  return { addr: addr & mask(prefix, bits), prefix, bits };
}

function mask(prefix: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return (all << BigInt(bits - prefix)) & all;
}

export function formatIP(addr: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join(".");
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((addr >> BigInt(i * 16)) & 0xffffn));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return formatIP(addr & 0xffffffffn, 32);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return hex.slice(0, bestStart).join(":") + "::" + hex.slice(bestStart + bestLen).join(":");
}

function cidrError(e: string): FunctionError {
  return new FunctionError(`invalid CIDR expression: ${e}`);
}

function formatNet(n: Network): string {
  return `${formatIP(n.addr, n.bits)}/${n.prefix}`;
}

export const ipFunctions: FunctionSpec[] = [
  {
    name: "cidrhost",
    params: [
      { name: "prefix", type: StringType },
      { name: "hostnum", type: NumberType },
    ],
    type: StringType,
    impl: (a) => {
      const n = parseCidr(a[0]!.asString());
      if (typeof n === "string") return cidrError(n);
      const hn = a[1]!.asNumber();
      if (!hn.isInt()) return new FunctionError("value must be a whole number");
      let num = hn.toBigInt();
      const maxHost = (1n << BigInt(n.bits - n.prefix)) - 1n;
      let check = num;
      if (num < 0n) {
        check = -num - 1n;
        num = maxHost - check;
      }
      if (check > maxHost) return new FunctionError(`prefix of ${n.prefix} does not accommodate a host numbered ${num}`);
      return Value.string(formatIP(n.addr | num, n.bits));
    },
  },
  {
    name: "cidrnetmask",
    params: [{ name: "prefix", type: StringType }],
    type: StringType,
    impl: (a) => {
      const n = parseCidr(a[0]!.asString());
      if (typeof n === "string") return cidrError(n);
      if (n.bits !== 32) return new FunctionError(`IPv6 addresses cannot have a netmask: ${a[0]!.asString()}`);
      return Value.string(formatIP(mask(n.prefix, 32), 32));
    },
  },
  {
    name: "cidrsubnet",
    params: [
      { name: "prefix", type: StringType },
      { name: "newbits", type: NumberType },
      { name: "netnum", type: NumberType },
    ],
    type: StringType,
    impl: (a) => {
      const n = parseCidr(a[0]!.asString());
      if (typeof n === "string") return cidrError(n);
      const newbits = toInt(a[1]!, 1);
      if (newbits instanceof FunctionError) return newbits;
      const nn = a[2]!.asNumber();
      if (!nn.isInt()) return new FunctionError("value must be a whole number");
      const netnum = nn.toBigInt();
      const newPrefix = n.prefix + newbits;
      if (newPrefix > n.bits) return new FunctionError(`insufficient address space to extend prefix of ${n.prefix} by ${newbits}`);
      // As go-cidr does it: the check sees the low 64 bits of |netnum|, and a negative netnum is OR-ed in
      // two's complement, then the magnitude of the result becomes the address.
      const u64 = (1n << 64n) - 1n;
      const maxNet = ((1n << BigInt(newbits)) & u64) - 1n;
      const low = (netnum < 0n ? -netnum : netnum) & u64;
      if (low > (maxNet < 0n ? u64 : maxNet)) {
        return new FunctionError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
      }
      let addr = n.addr | (netnum << BigInt(n.bits - newPrefix));
      if (addr < 0n) addr = -addr;
      const all = (1n << BigInt(n.bits)) - 1n;
      return Value.string(formatNet({ addr: addr & all, prefix: newPrefix, bits: n.bits }));
    },
  },
  {
    name: "cidrsubnets",
    params: [{ name: "prefix", type: StringType }],
    varParam: { name: "newbits", type: NumberType },
    type: listOf(StringType),
    impl: (a) => {
      const n = parseCidr(a[0]!.asString());
      if (typeof n === "string") return new FunctionError(`invalid CIDR expression: ${n}`, 0);
      if (a.length === 1) return Value.list([], StringType);
      const all = (1n << BigInt(n.bits)) - 1n;
      const first = toInt(a[1]!, 1);
      if (first instanceof FunctionError) return first;
      // Start just before the base network, in the size of the first subnet (cidr.PreviousSubnet).
      const firstLen = first + n.prefix;
      let current: Network = { addr: (n.addr - 1n) & all & mask(Math.min(firstLen, n.bits), n.bits), prefix: Math.min(firstLen, n.bits), bits: n.bits };
      const out: Value[] = [];
      for (let i = 1; i < a.length; i++) {
        let len = toInt(a[i]!, i);
        if (len instanceof FunctionError) return len;
        if (len < 1) return new FunctionError("must extend prefix by at least one bit", i);
        if (len > 32) return new FunctionError("may not extend prefix by more than 32 bits", i);
        len += n.prefix;
        if (len > n.bits) {
          return new FunctionError(`would extend prefix to ${len} bits, which is too long for an ${n.bits === 32 ? "IPv4" : "IPv6"} address`, i);
        }
        // cidr.NextSubnet: the subnet of the new size just after the current one.
        const currentLast = current.addr | (all >> BigInt(current.prefix));
        const m = mask(len, n.bits);
        const sub = currentLast & m;
        const subLast = sub | (all >> BigInt(len));
        const next = (subLast + 1n) & all;
        const rollover = next === 0n;
        const nextNet: Network = { addr: next & m, prefix: len, bits: n.bits };
        const inBase = (nextNet.addr & mask(n.prefix, n.bits)) === n.addr;
        if (rollover || !inBase) {
          return new FunctionError(
            `not enough remaining address space for a subnet with a prefix of ${len} bits after ${formatNet(current)}`,
            i,
          );
        }
        current = nextNet;
        out.push(Value.string(formatNet(current)));
      }
      return Value.list(out, StringType);
    },
  },
];
