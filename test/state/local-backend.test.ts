// The local backend against Terraform 1.11: a state file Terraform wrote reads and writes back byte for byte;
// what we write, Terraform reads; the backup and the lock file have Terraform's names and shapes.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAbsResourceInstance } from "../../src/addrs/index.js";
import { LocalBackend, State, decodeStateV4, encodeStateV4, withSerial } from "../../state/index.js";
import { repoRoot, tempDir } from "../helpers/cli.js";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
function terraform(dir: string, ...args: string[]) {
  const r = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const config = `
resource "terraform_data" "a" {
  input = "<a & b>\\u2028"
}
resource "terraform_data" "b" {
  count            = 11
  input            = terraform_data.a.output
  triggers_replace = ["x"]
}
resource "terraform_data" "c" {
  for_each = toset(["k\\"q", "z", "\\u00e9"])
  input    = { a = 1.5, b = [true, null], c = { d = "e" } }
}
resource "terraform_data" "s" {
  input = sensitive("secret")
}
module "m" {
  source = "./m"
}
data "terraform_remote_state" "r" {
  backend = "local"
  config  = { path = "other.tfstate" }
}
output "o" {
  value = terraform_data.a.output
}
output "sens" {
  value     = "x"
  sensitive = true
}
output "obj" {
  value = { n = 1, l = [1, 2], m = module.m.o }
}
`;

describe.runIf(hasTerraform)("local backend vs terraform", { timeout: 120_000 }, () => {
  const dir = tempDir("tfsim-state-");
  mkdirSync(join(dir, "m"));
  writeFileSync(join(dir, "m/main.tf"), 'resource "terraform_data" "x" {\n  count = 2\n  input = count.index\n}\noutput "o" { value = terraform_data.x[*].id }\n');
  writeFileSync(join(dir, "main.tf"), config);
  writeFileSync(
    join(dir, "other.tfstate"),
    JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "l", outputs: { v: { value: 1, type: "number" } }, resources: [] }),
  );
  const init = terraform(dir, "init", "-input=false");
  const apply = terraform(dir, "apply", "-auto-approve", "-input=false");
  const original = readFileSync(join(dir, "terraform.tfstate"), "utf8");

  it("terraform applied the fixture", () => {
    expect(init.code).toBe(0);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
  });

  it("decodes and re-encodes Terraform's file byte for byte", () => {
    const { state, diagnostics } = decodeStateV4(original);
    expect(diagnostics.items).toEqual([]);
    expect(encodeStateV4(state!)).toBe(original);
    expect(state!.instances().map((i) => i.addr.toString())).toContain('module.m.terraform_data.x[1]');
    expect(state!.current(parseAbsResourceInstance("terraform_data.s").addr!)!.sensitiveAttributes).toEqual([[{ type: "get_attr", value: "input" }]]);
  });

  it("get then put without changes leaves the file and serial alone", async () => {
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    const { state } = await b.get();
    const serial = state!.serial;
    expect((await b.put(state!)).items).toEqual([]);
    expect(state!.serial).toBe(serial);
    expect(readFileSync(join(dir, "terraform.tfstate"), "utf8")).toBe(original);
  });

  it("a change bumps the serial, keeps the previous file as terraform.tfstate.backup, and Terraform reads the result", async () => {
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    const { state } = await b.get();
    const before = state!.serial;
    const addr = parseAbsResourceInstance("terraform_data.b[10]").addr!;
    state!.setCurrent(addr, 'provider["terraform.io/builtin/terraform"]', undefined);
    expect((await b.put(state!)).items).toEqual([]);
    expect(state!.serial).toBe(before + 1);
    expect(readFileSync(join(dir, "terraform.tfstate.backup"), "utf8")).toBe(original);
    const list = terraform(dir, "state", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain("terraform_data.b[10]");
    expect(list.stdout).toContain("terraform_data.b[9]");
    // Terraform sees no difference between config and our state except the instance we removed.
    const plan = terraform(dir, "plan", "-no-color", "-detailed-exitcode");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(existsSync(join(dir, ".terraform.tfstate.journal"))).toBe(false);
  });
});

describe("new state", () => {
  it("writes nothing until put, then serial 1 with a fresh lineage; no backup for a first write", async () => {
    const dir = tempDir("tfsim-state-");
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    expect((await b.get()).state).toBeUndefined();
    const s = State.empty();
    await b.put(s);
    expect(s.serial).toBe(1);
    const file = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as Record<string, unknown>;
    expect(file).toEqual({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: s.lineage, outputs: {}, resources: [], check_results: null });
    expect(existsSync(join(dir, "terraform.tfstate.backup"))).toBe(false);
  });

  it("withSerial gives encodeStateV4's bytes at another serial, whatever else is named serial", () => {
    const s = new State("l", 7);
    s.setOutput("serial", { value: 3, type: "number" });
    const addr = parseAbsResourceInstance("terraform_data.serial").addr!;
    s.setCurrent(addr, 'provider["terraform.io/builtin/terraform"]', { schemaVersion: 0, attributes: { serial: 7, id: "x" }, sensitiveAttributes: [], dependencies: [] });
    const at7 = encodeStateV4(s);
    s.serial = 12;
    expect(withSerial(at7, 12)).toBe(encodeStateV4(s));
  });

  it("put removes the temporary files a killed writer left, not those of a live process", async () => {
    const dir = tempDir("tfsim-state-");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!; // has exited
    const names = [`.terraform.tfstate.tmp-${dead}-0a1b2c3d`, `..terraform.tfstate.journal.tmp-${dead}-0a1b2c3d`, `.terraform.tfstate.tmp-${process.ppid}-0a1b2c3d`];
    for (const n of names) writeFileSync(join(dir, n), "partial");
    await new LocalBackend("terraform.tfstate", { cwd: dir }).put(State.empty());
    expect(readdirSync(dir).sort()).toEqual([`.terraform.tfstate.tmp-${process.ppid}-0a1b2c3d`, "terraform.tfstate"]);
  });

  it("reports a corrupt or unsupported file as a diagnostic", async () => {
    const dir = tempDir("tfsim-state-");
    writeFileSync(join(dir, "terraform.tfstate"), '{"version": 3}');
    const r = await new LocalBackend("terraform.tfstate", { cwd: dir }).get();
    expect(r.diagnostics.items[0]!.summary).toBe("Unsupported state file format");
    writeFileSync(join(dir, "terraform.tfstate"), '{"version": 4, "serial": ');
    expect((await new LocalBackend("terraform.tfstate", { cwd: dir }).get()).diagnostics.items[0]!.summary).toBe("Failed to load state");
  });
});

/** A child process that takes the lock, prints its id, and holds it for `holdMs` (0: until killed). */
function lockHolder(dir: string, holdMs: number) {
  const code = `
    import { LocalBackend } from ${JSON.stringify(join(repoRoot, "dist/state/index.js"))};
    const b = new LocalBackend("terraform.tfstate", { cwd: ${JSON.stringify(dir)} });
    const r = await b.lock({ operation: "OperationTypeApply" });
    process.stdout.write(r.id + "\\n");
    if (${holdMs} > 0) setTimeout(async () => { await b.unlock(r.id); process.exit(0); }, ${holdMs});
    else setInterval(() => {}, 1000);
  `;
  const p = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const id = new Promise<string>((resolve) => p.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())));
  const exited = new Promise<void>((resolve) => p.on("exit", () => resolve()));
  return { p, id, exited };
}

describe("locking", { timeout: 120_000 }, () => {
  it("writes Terraform's lock-info shape and refuses a second locker with Terraform's error", async () => {
    const dir = tempDir("tfsim-lock-");
    const h = lockHolder(dir, 0);
    const id = await h.id;
    const info = JSON.parse(readFileSync(join(dir, ".terraform.tfstate.lock.info"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual(["ID", "Operation", "Info", "Who", "Version", "Created", "Path", "PID"]);
    expect(info).toMatchObject({ ID: id, Operation: "OperationTypeApply", Info: "", Path: "terraform.tfstate", PID: h.p.pid });
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    const r = await b.lock({ operation: "OperationTypePlan" });
    expect(r.id).toBeUndefined();
    const d = r.diagnostics.items[0]!;
    expect(d.summary).toBe("Error acquiring the state lock");
    expect(d.detail).toContain("Error message: resource temporarily unavailable\nLock Info:\n  ID:        " + id);
    expect(d.detail).toMatch(/\n {2}Created: {3}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC\n/);
    expect(d.detail).toContain('you can disable locking with the "-lock=false"');
    // force-unlock needs the right id
    expect((await b.forceUnlock("nope")).items[0]!.detail).toContain('lock id "nope" does not match existing lock');
    expect((await b.forceUnlock(id)).items).toEqual([]);
    const again = await b.lock({ operation: "OperationTypePlan" });
    expect(again.id).toBeDefined();
    expect((await b.unlock(again.id!)).items).toEqual([]);
    h.p.kill("SIGKILL");
    await h.exited;
  });

  it("-lock-timeout waits for a live holder to release", async () => {
    const dir = tempDir("tfsim-lock-");
    const h = lockHolder(dir, 400);
    await h.id;
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    const r = await b.lock({ operation: "OperationTypeApply", timeoutMs: 30_000 });
    expect(r.diagnostics.items).toEqual([]);
    expect(r.id).toBeDefined();
    await b.unlock(r.id!);
    await h.exited;
  });

  it("a lock left by a process that no longer exists does not block, and says so", async () => {
    const dir = tempDir("tfsim-lock-");
    const h = lockHolder(dir, 0);
    const deadId = await h.id;
    h.p.kill("SIGKILL");
    await h.exited;
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    const r = await b.lock({ operation: "OperationTypeApply" });
    expect(r.id).toBeDefined();
    expect(r.diagnostics.items.map((d) => [d.severity, d.summary])).toEqual([["warning", "Removed a stale state lock"]]);
    expect(r.diagnostics.items[0]!.detail).toContain(deadId);
    await b.unlock(r.id!);
  });
});
