// Address parsing and printing, with Terraform 1.11's `terraform state list ADDR` as the oracle: for a bad
// address it prints our error's summary and detail; for a good one absent from an empty state it prints the
// address in canonical form ("no resource instance a.b[1000]"), which we must print identically.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareAbsResourceInstances, parseAbsResourceInstance, parseTarget } from "../../src/addrs/index.js";
import { tempDir } from "../helpers/cli.js";

const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

const inputs = [
  "bad[",
  "terraform_data",
  "terraform_data.a[",
  'terraform_data.a["x',
  "terraform_data.a[1.5]",
  "terraform_data.a[-1]",
  "module.",
  "module.app[",
  "data.x",
  "terraform_data.a.b",
  "1abc.x",
  "terraform_data.a[0][1]",
  "module.m.data",
  'a.b["x\\\\ny"]',
  "a.b[foo]",
  "a.b[true]",
  "resource.x.y",
  "module.m.module.n.a.b[0]",
  'terraform_data.c["k\\"q"]',
  "a.b[01]",
  "a.b[1e3]",
  'a.b["${x}"]',
  'a.b["x\\q"]',
  "a.b c",
  "a.b[*]",
  "a.b.0",
  "a-x.b-y",
  "module.m[0]",
  'module.m["x"]',
  "module.m[0].a.b",
  "module.m.a",
  "data.x.y.z",
  'a.b["a\\u00e9"]',
  'a.b[" "]',
  "",
  "a.b[0",
  "a.b[9223372036854775808]",
  "module.1",
  "a.b.c.d",
  "module.m.terraform_data.a",
  'a.b[""]',
  "a.b['x']",
  'a.b["$${x}"]',
  'module.app["a"].terraform_data.x[0]',
  "data.aws_ami.al2023",
  'aws_s3_bucket.logs["a"]',
  'a.b["tab\\there"]',
  'a.b["%%{x}"]',
  'a.b["\\u0001"]',
  "module.a.module.b",
  "data.a.b[2]",
];

/** What Terraform reports for `addr`: the error summaries+details, or the canonical address it echoes. */
function terraformSays(dir: string, addr: string): string[] {
  const r = spawnSync("terraform", ["state", "list", "-no-color", addr], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
  });
  const text = r.stderr + r.stdout;
  const unknown = /The current state contains no (?:resource instance|resource|module at) (.*?)\. If you've/s.exec(text.replace(/\s+/g, " "));
  if (unknown) return [`ok ${unknown[1]}`];
  const out: string[] = [];
  for (const block of text.split(/\n(?=Error: )/)) {
    const m = /^Error: (.*)\n([\s\S]*)$/.exec(block.trim());
    if (!m) continue;
    const detail = m[2]!
      .split("\n")
      .filter((l) => !/^\s*on\s+line \d+:|source code not available/.test(l))
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    out.push(`${m[1]}: ${detail}`);
  }
  return out;
}

function weSay(addr: string): string[] {
  const r = parseTarget(addr);
  if (r.addr) return [`ok ${r.addr.addr.toString()}`];
  return r.diagnostics.items.map((d) => `${d.summary}: ${(d.detail ?? "").replace(/\s+/g, " ").trim()}`);
}

describe.runIf(hasTerraform)("address parsing agrees with terraform state list", { timeout: 60_000 }, () => {
  const dir = tempDir("tfsim-addrs-");
  writeFileSync(
    join(dir, "terraform.tfstate"),
    JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "00000000-0000-0000-0000-000000000000", outputs: {}, resources: [] }),
  );
  for (const input of inputs) {
    it(JSON.stringify(input), () => {
      expect(weSay(input)).toEqual(terraformSays(dir, input));
    });
  }
});

describe.runIf(hasTerraform)("instance order agrees with terraform state list", { timeout: 120_000 }, () => {
  it("sorts a shuffled listing back into Terraform's order", () => {
    const dir = tempDir("tfsim-order-");
    mkdirSync(join(dir, "n"));
    mkdirSync(join(dir, "m"));
    writeFileSync(join(dir, "n/main.tf"), 'resource "terraform_data" "y" {}\n');
    writeFileSync(join(dir, "m/main.tf"), 'module "b" {\n  source = "../n"\n}\nresource "terraform_data" "x" {}\n');
    writeFileSync(
      join(dir, "main.tf"),
      'module "a" {\n  source = "./m"\n}\nmodule "z" {\n  source = "./n"\n  count  = 11\n}\nresource "terraform_data" "q" {\n  count = 12\n}\n' +
        'resource "terraform_data" "f" {\n  for_each = toset(["b", "a", "B"])\n}\nresource "terraform_data" "p" {}\n' +
        'data "terraform_remote_state" "r" {\n  backend = "local"\n  config  = { path = "other.tfstate" }\n}\n',
    );
    writeFileSync(join(dir, "other.tfstate"), JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "l", outputs: {}, resources: [] }));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
    for (const args of [["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]]) {
      const r = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
      expect(r.stderr).toBe("");
    }
    const listed = spawnSync("terraform", ["state", "list"], { cwd: dir, env, encoding: "utf8" }).stdout.trim().split("\n");
    expect(listed.length).toBe(1 + 12 + 3 + 1 + 1 + 1 + 11);
    const shuffled = [...listed].reverse().sort(() => 0.5 - Math.random());
    const ours = shuffled.map((s) => parseAbsResourceInstance(s).addr!).sort(compareAbsResourceInstances).map((a) => a.toString());
    expect(ours).toEqual(listed);
  });
});
