// Functions whose results differ on every call (bcrypt, uuid, timestamp) cannot be recorded from terraform
// console; they are checked against other references: libcrypt's bcrypt, RFC 4122 shapes, the clock.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { bcryptHash, decode64 } from "../../src/lang/functions/bcrypt.js";
import { evalConsoleLine } from "./corpus-harness.js";

/** crypt(3) from the system's libcrypt (libxcrypt supports bcrypt), through python's ctypes. */
function libcrypt(password: string, setting: string): string | undefined {
  const py = `import ctypes, ctypes.util, sys
lib = ctypes.CDLL(ctypes.util.find_library('crypt'))
lib.crypt.restype = ctypes.c_char_p
print(lib.crypt(sys.argv[1].encode(), sys.argv[2].encode()).decode())`;
  const r = spawnSync("python3", ["-c", py, password, setting], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const hasLibcrypt = libcrypt("x", "$2a$04$abcdefghijklmnopqrstuu")?.startsWith("$2a$04$") ?? false;

describe("bcrypt", () => {
  it.skipIf(!hasLibcrypt).each([
    ["U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC."],
    ["", "$2a$04$abcdefghijklmnopqrstuu"],
    ["correct horse battery staple", "$2a$06$0123456789ABCDEFGHIJKL"],
    ["päßwörd", "$2a$04$zzzzzzzzzzzzzzzzzzzzzu"],
    ["x".repeat(80), "$2a$04$abcdefghijklmnopqrstuu"],
  ])("hashes %j like libcrypt with salt %s", (password, setting) => {
    const cost = Number(setting.slice(4, 6));
    const salt = decode64(setting.slice(7, 29)).slice(0, 16);
    expect(bcryptHash(password, cost, salt)).toBe(libcrypt(password, setting));
  });

  it("bcrypt() returns a $2a$ hash with Go's default cost, and cost 10 for costs below 4", () => {
    expect(evalConsoleLine('bcrypt("x")').output).toMatch(/^"\$2a\$10\$[./A-Za-z0-9]{53}"$/);
    expect(evalConsoleLine('bcrypt("x", 3)').output).toMatch(/^"\$2a\$10\$/);
    expect(evalConsoleLine('bcrypt("x", 5)').output).toMatch(/^"\$2a\$05\$/);
    expect(evalConsoleLine('bcrypt("x", 32)').errors[0]?.detail).toBe(
      'Call to function "bcrypt" failed: error occured generating password crypto/bcrypt: cost 32 is outside allowed range (4,31).',
    );
    expect(evalConsoleLine(`bcrypt("${"x".repeat(73)}")`).errors[0]?.detail).toBe(
      'Call to function "bcrypt" failed: error occured generating password bcrypt: password length exceeds 72 bytes.',
    );
  });
});

describe("uuid and timestamp", () => {
  it("uuid() is a random version 4 UUID", () => {
    const a = evalConsoleLine("uuid()").output;
    const b = evalConsoleLine("uuid()").output;
    expect(a).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
    expect(a).not.toBe(b);
  });

  it("timestamp() is the current UTC time in RFC 3339, to the second", () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const out = JSON.parse(evalConsoleLine("timestamp()").output!) as string;
    expect(out).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(out)).toBeGreaterThanOrEqual(before);
  });
});
