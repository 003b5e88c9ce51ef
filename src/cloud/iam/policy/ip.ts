// IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress, parsed by hand into bytes.
// An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is treated as the IPv4 address it carries.

export interface Cidr {
  readonly bytes: Uint8Array; // 4 or 16
  readonly prefix: number; // bits
}

export function parseIPv4(s: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  let part = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      if (digits === 0 || part > 3 || value > 255) return undefined;
      out[part++] = value;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      value = value * 10 + (c - 48);
    } else return undefined;
  }
  return part === 4 ? out : undefined;
}

export function parseIPv6(s: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  const dbl = s.indexOf("::");
  if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return undefined;
  const head = dbl >= 0 ? s.slice(0, dbl) : s;
  const tail = dbl >= 0 ? s.slice(dbl + 2) : "";
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const words: number[] = [];
  const tailWords: number[] = [];
  const fill = (groups: string[], into: number[], last: boolean): boolean => {
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (last && i === groups.length - 1 && g.includes(".")) {
        const v4 = parseIPv4(g);
        if (!v4) return false;
        into.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (g.length === 0 || g.length > 4) return false;
      let w = 0;
      for (let j = 0; j < g.length; j++) {
        const d = parseInt(g[j]!, 16);
        if (Number.isNaN(d)) return false;
        w = (w << 4) | d;
      }
      into.push(w);
    }
    return true;
  };
  if (!fill(headGroups, words, dbl < 0)) return undefined;
  if (!fill(tailGroups, tailWords, true)) return undefined;
  const total = words.length + tailWords.length;
  if (dbl < 0 ? total !== 8 : total > 7) return undefined;
  const all = [...words, ...new Array<number>(8 - total).fill(0), ...tailWords];
  for (let i = 0; i < 8; i++) {
    out[i * 2] = all[i]! >> 8;
    out[i * 2 + 1] = all[i]! & 0xff;
  }
  return out;
}

/** An address as bytes, IPv4-mapped IPv6 folded to IPv4. */
export function parseIp(s: string): Uint8Array | undefined {
  const text = s.trim();
  if (!text.includes(":")) return parseIPv4(text);
  const v6 = parseIPv6(text);
  if (!v6) return undefined;
  for (let i = 0; i < 10; i++) if (v6[i] !== 0) return v6;
  if (v6[10] === 0xff && v6[11] === 0xff) return v6.slice(12);
  return v6;
}

export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf("/");
  const bytes = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: max };
  const p = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p)) return undefined;
  const prefix = Number(p);
  return prefix > max ? undefined : { bytes, prefix };
}

export function cidrContains(c: Cidr, ip: Uint8Array): boolean {
  if (c.bytes.length !== ip.length) return false;
  let bits = c.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((c.bytes[i]! & mask) !== (ip[i]! & mask)) return false;
  }
  return true;
}
