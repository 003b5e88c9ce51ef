// The state lock through the real CLI: an apply waiting at its "Enter a value:" prompt holds the lock (a live
// process), so a second command is refused with Terraform's error, -lock=false skips the lock, -lock-timeout
// waits until the holder is done, force-unlock ID releases it; a lock left by a killed process does not block.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";

const config = `resource "terraform_data" "a" {
  input = "a"
}
resource "terraform_data" "b" {
  input = terraform_data.a.output
}
`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** `tfsim ARGS` left running; resolves once its stdout shows `until`. */
function started(args: string[], cwd: string, until: RegExp): Promise<{ child: ChildProcess; out: () => string; exited: Promise<number> }> {
  const child = spawn(process.execPath, [tfsimBin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  const exited = new Promise<number>((res) => child.on("exit", (code) => res(code ?? -1)));
  return new Promise((res) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) res({ child, out: () => out, exited });
    });
  });
}

const lockFile = (dir: string): string => join(dir, ".terraform.tfstate.lock.info");

describe("state lock through the CLI", { timeout: 120_000 }, () => {
  it("refused while held, -lock=false, -lock-timeout waits, force-unlock ID", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf"), config);
    const holder = await started(["apply", "-no-color"], dir, /Enter a value: $/);
    const info = JSON.parse(readFileSync(lockFile(dir), "utf8")) as { ID: string; Operation: string; PID: number };
    expect(info).toMatchObject({ Operation: "OperationTypeApply", PID: holder.child.pid });

    const refused = runTfsim(["plan", "-no-color"], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Error: Error acquiring the state lock");
    expect(refused.stderr).toContain(`Lock Info:\n  ID:        ${info.ID}\n  Path:      terraform.tfstate\n  Operation: OperationTypeApply\n`);
    expect(refused.stderr).toContain('For most commands, you can disable locking with the "-lock=false"\nflag, but this is not recommended.');

    const unlocked = runTfsim(["plan", "-no-color", "-lock=false", "-detailed-exitcode"], { cwd: dir });
    expect(unlocked.stderr).toBe("");
    expect(unlocked.code).toBe(2);
    expect(existsSync(lockFile(dir))).toBe(true);

    // -lock-timeout: the plan waits for the holder, which finishes once it is answered.
    const waiting = started(["plan", "-no-color", "-lock-timeout=10m", "-detailed-exitcode"], dir, /No changes\./);
    holder.child.stdin!.write("yes\n");
    expect(await holder.exited).toBe(0);
    const waited = await waiting;
    expect(await waited.exited).toBe(0);
    expect(waited.out()).toContain("No changes. Your infrastructure matches the configuration.");

    // force-unlock ID: a wrong id is refused, the right one releases the lock of a live holder.
    writeFileSync(join(dir, "main.tf"), config.replace('input = "a"', 'input = "a2"'));
    const second = await started(["apply", "-no-color"], dir, /Enter a value: $/);
    const id = (JSON.parse(readFileSync(lockFile(dir), "utf8")) as { ID: string }).ID;
    const wrong = runTfsim(["force-unlock", "-force", "nope"], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('lock id "nope" does not match existing lock');
    const forced = runTfsim(["force-unlock", "-force", id], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("tfsim state has been successfully unlocked!");
    expect(existsSync(lockFile(dir))).toBe(false);
    expect(runTfsim(["plan", "-no-color"], { cwd: dir }).code).toBe(0);
    second.child.kill("SIGKILL");
    await second.exited;
  });

  it("a lock left by a process killed with SIGKILL does not block the next command", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf"), config);
    const holder = await started(["apply", "-no-color"], dir, /Enter a value: $/);
    holder.child.kill("SIGKILL");
    await holder.exited;
    expect(existsSync(lockFile(dir))).toBe(true);
    const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stdout + plan.stderr).toContain("Removed a stale state lock");
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});
