// bcrypt (the $2a$ variant Go's golang.org/x/crypto/bcrypt writes), for Terraform's bcrypt() function.
//
// Blowfish's initial P-array and S-boxes are the hexadecimal digits of pi's fractional part; rather than
// carry 4 KiB of constants, they are computed once (Machin's formula in bigint fixed point) on first use.
//
// API: bcryptHash(password, cost, salt16?) → "$2a$CC$<22 salt chars><31 hash chars>"
import { randomBytes } from "node:crypto";

let piWords: Uint32Array | undefined;

/** 18 + 1024 32-bit words of pi's fractional hex digits. */
function piHexWords(): Uint32Array {
  if (piWords) return piWords;
  const words = 18 + 1024;
  const bits = BigInt(words * 32 + 64);
  const one = 1n << bits;
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += ((k / 2n) % 2n === 0n ? 1n : -1n) * (term / k);
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  let frac = pi - 3n * one;
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    frac <<= 32n;
    out[i] = Number(frac >> bits);
    frac &= one - 1n;
  }
  piWords = out;
  return out;
}

class Blowfish {
  readonly P: Uint32Array;
  readonly S: Uint32Array;

  constructor() {
    const w = piHexWords();
    this.P = w.slice(0, 18);
    this.S = w.slice(18);
  }

  private f(x: number): number {
    const S = this.S;
    return ((((S[x >>> 24]! + S[256 + ((x >>> 16) & 0xff)]!) >>> 0) ^ S[512 + ((x >>> 8) & 0xff)]!) + S[768 + (x & 0xff)]!) >>> 0;
  }

  encrypt(lr: Uint32Array, off: number): void {
    let l = lr[off]!;
    let r = lr[off + 1]!;
    const P = this.P;
    for (let i = 0; i < 16; i += 2) {
      l = (l ^ P[i]!) >>> 0;
      r = (r ^ this.f(l)) >>> 0;
      r = (r ^ P[i + 1]!) >>> 0;
      l = (l ^ this.f(r)) >>> 0;
    }
    l = (l ^ P[16]!) >>> 0;
    r = (r ^ P[17]!) >>> 0;
    lr[off] = r;
    lr[off + 1] = l;
  }

  /** ExpandKey(state, salt, key); with salt undefined it is the plain key schedule. */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    let kp = 0;
    const keyWord = () => {
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = ((w << 8) | key[kp]!) >>> 0;
        kp = (kp + 1) % key.length;
      }
      return w;
    };
    let sp = 0;
    const saltWord = () => {
      if (!salt) return 0;
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = ((w << 8) | salt[sp]!) >>> 0;
        sp = (sp + 1) % salt.length;
      }
      return w;
    };
    for (let i = 0; i < 18; i++) this.P[i] = (this.P[i]! ^ keyWord()) >>> 0;
    const lr = new Uint32Array(2);
    for (let i = 0; i < 18; i += 2) {
      lr[0] = (lr[0]! ^ saltWord()) >>> 0;
      lr[1] = (lr[1]! ^ saltWord()) >>> 0;
      this.encrypt(lr, 0);
      this.P[i] = lr[0]!;
      this.P[i + 1] = lr[1]!;
    }
    for (let i = 0; i < 1024; i += 2) {
      lr[0] = (lr[0]! ^ saltWord()) >>> 0;
      lr[1] = (lr[1]! ^ saltWord()) >>> 0;
      this.encrypt(lr, 0);
      this.S[i] = lr[0]!;
      this.S[i + 1] = lr[1]!;
    }
  }
}

const alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** bcrypt's base64: its own alphabet, no padding. */
function encode64(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const c1 = b[i]!;
    const c2 = b[i + 1];
    const c3 = b[i + 2];
    out += alphabet[c1 >> 2];
    out += alphabet[((c1 & 3) << 4) | ((c2 ?? 0) >> 4)];
    if (c2 === undefined) break;
    out += alphabet[((c2 & 15) << 2) | ((c3 ?? 0) >> 6)];
    if (c3 === undefined) break;
    out += alphabet[c3 & 63];
  }
  return out;
}

export function decode64(s: string): Uint8Array {
  const vals = [...s].map((c) => alphabet.indexOf(c));
  const out: number[] = [];
  for (let i = 0; i < vals.length; i += 4) {
    const [a, b, c, d] = [vals[i]!, vals[i + 1] ?? 0, vals[i + 2], vals[i + 3]];
    out.push(((a << 2) | (b >> 4)) & 0xff);
    if (c === undefined) break;
    out.push(((b << 4) | (c >> 2)) & 0xff);
    if (d === undefined) break;
    out.push(((c << 6) | d) & 0xff);
  }
  return Uint8Array.from(out);
}

/** Go's bcrypt.GenerateFromPassword: costs below 4 become 10; the key is the password plus a NUL, at most 72 bytes. */
export function bcryptHash(password: string, cost: number, salt: Uint8Array = randomBytes(16)): string {
  if (cost < 4) cost = 10;
  const pw = Buffer.from(password, "utf8");
  const key = Buffer.concat([pw, Buffer.from([0])]).subarray(0, 72);
  const bf = new Blowfish();
  bf.expand(key, salt);
  const rounds = 2 ** cost;
  for (let i = 0; i < rounds; i++) {
    bf.expand(key);
    bf.expand(salt);
  }
  const ctext = new Uint32Array(6);
  const magic = Buffer.from("OrpheanBeholderScryDoubt", "latin1");
  for (let i = 0; i < 6; i++) ctext[i] = magic.readUInt32BE(i * 4);
  for (let i = 0; i < 64; i++) for (let j = 0; j < 6; j += 2) bf.encrypt(ctext, j);
  const out = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) out.writeUInt32BE(ctext[i]!, i * 4);
  return `$2a$${String(cost).padStart(2, "0")}$${encode64(salt)}${encode64(out.subarray(0, 23))}`;
}
