// The corpus's end-to-end sample (evaluate.case.ts `endToEndSample`) replayed through the real
// `tfsim cloud serve` with boto3: the same decisions, and the same AccessDenied wording, as the evaluator's.
// Cases skip when no single API call stands for their action on their resource (list calls whose resource the
// server derives itself, ChangePassword on another user); replay.py says which calls it maps.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv, rootKeys, serve, type Served } from "../server/serve.js";
import { endToEndSample } from "./evaluate.case.js";

interface Replayed {
  readonly skipped?: boolean;
  readonly allowed?: boolean;
  readonly code?: string;
  readonly message?: string;
}

let server: Served;
let replay: { account: string; results: Replayed[] };

beforeAll(async () => {
  const home = tempDir("tfsim-policy-e2e-");
  server = await serve(home);
  const p = spawnSync("python3", [join(import.meta.dirname, "replay.py")], {
    env: { ...awsEnv(rootKeys(home)), TFSIM_ENDPOINT: server.url },
    input: JSON.stringify(endToEndSample.map((c) => ({ action: c.action, resource: c.resource, identity: c.identity ?? [] }))),
    encoding: "utf8",
  });
  if (p.status !== 0) throw new Error(p.stderr);
  replay = JSON.parse(p.stdout) as typeof replay;
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

describe("the corpus's end-to-end sample through tfsim cloud serve (boto3)", () => {
  endToEndSample.forEach((c, i) => {
    it(`${c.name} [${c.rule}]`, (ctx) => {
      const r = replay.results[i]!;
      if (r.skipped) ctx.skip();
      expect(r.allowed ? "Allow" : "Deny").toBe(c.expect.effect);
      if (!r.allowed) expect(r.code).toBe("AccessDenied");
      if (c.expect.message !== undefined) expect(r.message).toBe(c.expect.message.replaceAll("123456789012", replay.account));
    });
  });
  it("replays most of the sample", () => {
    expect(replay.results.filter((r) => !r.skipped).length).toBeGreaterThanOrEqual(10);
  });
});
