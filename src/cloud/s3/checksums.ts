// Additional checksums (x-amz-checksum-crc32, -sha1, -sha256) sent with an object's bytes: S3 computes them over
// what it received and refuses a mismatch with BadDigest, and echoes the checksum in its answer. CRC32C and
// CRC64NVME are echoed without being computed (no implementation here); a checksum sent as an aws-chunked
// trailer is not seen (the body decoder drops trailers).
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import type { Output, Params } from "../service.js";
import { s3Error } from "./errors.js";

const COMPUTED: Readonly<Record<string, { name: string; of: (body: Buffer) => string }>> = {
  ChecksumCRC32: { name: "CRC32", of: (b) => { const n = Buffer.alloc(4); n.writeUInt32BE(crc32(b) >>> 0); return n.toString("base64"); } },
  ChecksumSHA1: { name: "SHA1", of: (b) => createHash("sha1").update(b).digest("base64") },
  ChecksumSHA256: { name: "SHA256", of: (b) => createHash("sha256").update(b).digest("base64") },
};

const ECHOED = ["ChecksumCRC32C", "ChecksumCRC64NVME"] as const;

/** Checks the request's checksums against the body; returns them for the answer (BadDigest on a mismatch). */
export function verifiedChecksums(params: Params, body: Buffer): Output {
  const out: Output = {};
  for (const [member, c] of Object.entries(COMPUTED)) {
    const sent = params[member];
    if (typeof sent !== "string") continue;
    if (sent !== c.of(body)) throw s3Error("BadDigest", `The ${c.name} you specified did not match the calculated checksum.`, 400);
    out[member] = sent;
  }
  for (const member of ECHOED) if (typeof params[member] === "string") out[member] = params[member];
  return out;
}
