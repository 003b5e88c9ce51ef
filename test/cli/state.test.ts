// `tfsim state ...` against `terraform state ...` on the same state file, which Terraform itself wrote.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";
import { terraformState, workspace } from "./state-fixture.js";

let state = "";

function both(args: string[], dirs?: { tf: string; ours: string }) {
  const d = dirs ?? { tf: workspace(state), ours: workspace(state) };
  return { tf: runTerraform([...args.slice(0, 2), "-no-color", ...args.slice(2)], { cwd: d.tf }), ours: runTfsim(args, { cwd: d.ours }), dirs: d };
}

describe.skipIf(terraformMissing)("tfsim state commands match terraform's", () => {
  beforeAll(() => {
    state = terraformState();
  }, 120_000);

  it("state list, unfiltered and filtered by resource, instance, module and -id", () => {
    const ws = workspace(state);
    const filters = [[], ["terraform_data.b"], ["terraform_data.b[10]", "terraform_data.a"], ['terraform_data.c["k2"]'], ["module.m[0]"], ["module.m[0].module.n"], ["terraform_data.nope"]];
    for (const f of filters) {
      const tf = runTerraform(["state", "list", ...f], { cwd: ws });
      const ours = runTfsim(["state", "list", ...f], { cwd: ws });
      expect(ours.stdout, f.join(" ")).toBe(tf.stdout);
      expect(ours.code).toBe(tf.code);
    }
    const id = (JSON.parse(readFileSync(state, "utf8")) as { resources: { name: string; instances: { attributes: { id: string } }[] }[] }).resources.find((r) => r.name === "s")!
      .instances[0]!.attributes.id;
    expect(runTfsim(["state", "list", `-id=${id}`], { cwd: ws }).stdout).toBe(runTerraform(["state", "list", `-id=${id}`], { cwd: ws }).stdout);
    expect(runTfsim(["state", "list", `-state=${join(ws, "terraform.tfstate")}`], { cwd: tempDir() }).stdout).toBe(
      runTerraform(["state", "list"], { cwd: ws }).stdout,
    );
  });

  it("state show renders every instance as terraform does", () => {
    const ws = workspace(state);
    const list = runTerraform(["state", "list"], { cwd: ws }).stdout.trim().split("\n");
    expect(list.length).toBeGreaterThan(15);
    for (const addr of list) {
      const tf = runTerraform(["state", "show", "-no-color", addr], { cwd: ws });
      const ours = runTfsim(["state", "show", addr], { cwd: ws });
      expect(ours.stdout, addr).toBe(tf.stdout);
      expect(ours.code).toBe(0);
    }
  });

  it("state show of a missing instance or a bad address fails as terraform does", () => {
    for (const addr of ["terraform_data.nope", "nope"]) {
      const r = both(["state", "show", addr]);
      expect(r.ours.code).toBe(r.tf.code);
      expect(r.ours.code).toBe(1);
      expect(r.ours.stderr.replaceAll("tfsim", "terraform")).toBe(r.tf.stderr);
    }
  });

  it("state list without a state file: terraform's error", () => {
    const dir = tempDir();
    const tf = runTerraform(["state", "list"], { cwd: dir });
    const ours = runTfsim(["state", "list"], { cwd: dir });
    expect(ours.code).toBe(tf.code);
    expect(ours.stderr.replaceAll("tfsim", "Terraform")).toBe(tf.stderr.replace(/\x1b\[[0-9;]*m/g, ""));
  });

  it("state pull prints the state byte for byte", () => {
    const ws = workspace(state);
    expect(runTfsim(["state", "pull"], { cwd: ws }).stdout).toBe(runTerraform(["state", "pull"], { cwd: ws }).stdout);
  });

  it("state rm (with -dry-run) leaves the same state as terraform's, with a timestamped backup", () => {
    for (const args of [["terraform_data.b"], ["terraform_data.a", 'terraform_data.c["k1"]'], ["module.m[0]"], ["-dry-run", "terraform_data.b", "terraform_data.s"]]) {
      const r = both(["state", "rm", ...args]);
      expect(r.ours.stdout, args.join(" ")).toBe(r.tf.stdout);
      expect(r.ours.code).toBe(r.tf.code);
      expect(readFileSync(join(r.dirs.ours, "terraform.tfstate"), "utf8")).toBe(readFileSync(join(r.dirs.tf, "terraform.tfstate"), "utf8"));
      const backups = (d: string) => readdirSync(d).filter((f) => /^terraform\.tfstate\.\d+\.backup$/.test(f)).length;
      expect(backups(r.dirs.ours)).toBe(backups(r.dirs.tf));
    }
    const r = both(["state", "rm", "terraform_data.zz"]);
    expect(r.ours.code).toBe(1);
    expect(r.tf.code).toBe(1);
    expect(r.ours.stderr).toContain("Error: Invalid target address");
  });

  it("state mv of an instance, a resource and a module leaves the same state as terraform's", () => {
    const cases = [
      ["terraform_data.s", "terraform_data.t"],
      ["terraform_data.b[3]", "terraform_data.b[20]"],
      ["terraform_data.c", "terraform_data.d"],
      ['terraform_data.c["k1"]', 'terraform_data.c["k9"]'],
      ["module.m[0]", "module.q"],
      ["-dry-run", "terraform_data.a", "terraform_data.z"],
    ];
    for (const args of cases) {
      const r = both(["state", "mv", ...args]);
      // Terraform lists the modules of a module move in Go map order (random), so compare them as a set.
      const lines = (t: string) => t.split("\n").sort();
      expect(lines(r.ours.stdout), args.join(" ")).toEqual(lines(r.tf.stdout));
      expect(r.ours.code).toBe(r.tf.code);
      expect(readFileSync(join(r.dirs.ours, "terraform.tfstate"), "utf8"), args.join(" ")).toBe(readFileSync(join(r.dirs.tf, "terraform.tfstate"), "utf8"));
    }
    const r = both(["state", "mv", "terraform_data.b[0]", "terraform_data.b[1]"]);
    expect(r.ours.code).toBe(1);
    expect(r.tf.code).toBe(1);
    expect(r.ours.stderr).toContain("Cannot move to terraform_data.b[1]: there is already a resource instance at");
  });

  it("state push: lineage and serial checks as terraform's, -force overrides", () => {
    const base = JSON.parse(readFileSync(state, "utf8")) as { serial: number; lineage: string };
    const variants: [string, Record<string, unknown>, string[]][] = [
      ["other lineage", { lineage: "00000000-1111-2222-3333-444444444444" }, []],
      ["older serial", { serial: base.serial - 1 }, []],
      ["newer serial", { serial: base.serial + 3 }, []],
      ["forced lineage", { lineage: "00000000-1111-2222-3333-444444444444" }, ["-force"]],
    ];
    for (const [what, patch, flags] of variants) {
      const dirs = { tf: workspace(state), ours: workspace(state) };
      const src = join(tempDir(), "push.tfstate");
      writeFileSync(src, JSON.stringify({ ...JSON.parse(readFileSync(state, "utf8")), ...patch }, null, 2));
      const tf = runTerraform(["state", "push", ...flags, src], { cwd: dirs.tf });
      const ours = runTfsim(["state", "push", ...flags, src], { cwd: dirs.ours });
      expect(ours.code, what).toBe(tf.code);
      expect(ours.stderr, what).toBe(tf.stderr.replace(/\x1b\[[0-9;]*m/g, ""));
      expect(readFileSync(join(dirs.ours, "terraform.tfstate"), "utf8"), what).toBe(readFileSync(join(dirs.tf, "terraform.tfstate"), "utf8"));
    }
  });

  it("force-unlock asks first, releases a held lock by id, and refuses a wrong id", () => {
    const ws = workspace(state);
    const info = { ID: "11111111-2222-3333-4444-555555555555", Operation: "OperationTypeApply", Info: "", Who: "x@y", Version: "1.11.4", Created: "2026-01-01T00:00:00Z", Path: "terraform.tfstate", PID: 1 };
    writeFileSync(join(ws, ".terraform.tfstate.lock.info"), JSON.stringify(info));
    const no = runTfsim(["force-unlock", info.ID], { cwd: ws, input: "no\n" });
    expect(no.code).toBe(1);
    expect(no.stdout).toContain("Do you really want to force-unlock?");
    expect(no.stdout).toContain("force-unlock cancelled.");
    expect(existsSync(join(ws, ".terraform.tfstate.lock.info"))).toBe(true);
    const wrong = runTfsim(["force-unlock", "-force", "nope"], { cwd: ws });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Failed to unlock state");
    const yes = runTfsim(["force-unlock", info.ID], { cwd: ws, input: "yes\n" });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain("tfsim state has been successfully unlocked!");
    expect(existsSync(join(ws, ".terraform.tfstate.lock.info"))).toBe(false);
  });
});
