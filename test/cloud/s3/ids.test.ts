// S3 version and upload ids: URL-safe characters, never starting with "-" or "_". The aws CLI reads
// `--version-id -abc…` as a missing argument, so one id in 32 used to fail `aws s3api get-object --version-id`.
import { expect, it } from "vitest";
import { urlSafeToken } from "../../../src/cloud/ids.js";
import { newVersionId } from "../../../src/cloud/s3/model.js";

it("makes distinct 32-character URL-safe ids that start with a letter or digit", () => {
  const ids = Array.from({ length: 20_000 }, () => newVersionId());
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{31}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

it("makes upload ids the same way (43 characters)", () => {
  for (let i = 0; i < 20_000; i++) expect(urlSafeToken(32)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
});
