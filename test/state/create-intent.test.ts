// Create intents: journaled before a create reaches a provider, replayed by the next get, kept by put (as
// tfsim_create_intents, which Terraform ignores), and settled by the instance's own record.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBackend, State, decodeStateV4, encodeStateV4 } from "../../state/index.js";
import { tempDir } from "../helpers/cli.js";

const provider = 'provider["registry.terraform.io/hashicorp/aws"]';
const object = { schemaVersion: 0, attributes: { id: "u" }, sensitiveAttributes: [] };

describe("create intents", () => {
  it("survive a dead process and a snapshot, and the instance's record settles them", async () => {
    const cwd = tempDir("tfsim-intent-");
    const backend = new LocalBackend("terraform.tfstate", { cwd });
    const journal = await backend.openJournal(State.empty());
    await journal.record({ kind: "create-intent", addr: "aws_iam_user.u[0]", provider, private: '{"client_token":"t"}' });
    await journal.record({ kind: "create-intent", addr: "aws_iam_user.u[1]", provider, private: '{"client_token":"t1"}' });
    await journal.record({ kind: "instance", addr: "aws_iam_user.u[1]", provider, object });
    // No close: the process "died" here.
    const got = await backend.get();
    expect(got.diagnostics.hasErrors()).toBe(false);
    expect([...got.state!.createIntents.entries()]).toEqual([["aws_iam_user.u[0]", { provider, private: '{"client_token":"t"}' }]]);
    expect((await backend.put(got.state!)).hasErrors()).toBe(false);
    const file = JSON.parse(readFileSync(join(cwd, "terraform.tfstate"), "utf8")) as Record<string, unknown>;
    expect(file.tfsim_create_intents).toEqual({ "aws_iam_user.u[0]": { provider, private: '{"client_token":"t"}' } });
    const again = decodeStateV4(encodeStateV4(got.state!), "terraform.tfstate");
    expect(again.state!.createIntents.get("aws_iam_user.u[0]")?.private).toBe('{"client_token":"t"}');
  });

  it("a state without intents is written exactly as before (no extra field)", () => {
    expect(encodeStateV4(new State("l", 1))).not.toContain("tfsim_create_intents");
  });
});
