// The instance metadata service of tfsim cloud serve, driven by boto3 and urllib (imds-flow.py): metadata of a
// real instance, IMDSv2 tokens, and role credentials that carry exactly the role's permissions.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv, rootKeys, serve, type Served } from "../server/serve.js";

let server: Served;
let home: string;

beforeAll(async () => {
  home = tempDir("tfsim-imds-");
  server = await serve(home);
});

afterAll(async () => {
  await server?.stop();
});

it("serves an instance's metadata and its role's credentials, scoped to the role", () => {
  const env = awsEnv(rootKeys(home));
  delete env.AWS_SESSION_TOKEN;
  const r = spawnSync("python3", [join(import.meta.dirname, "imds-flow.py"), server.url], { env, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain("ALL OK");
});
