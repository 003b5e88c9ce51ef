// Ctrl-C during an apply, with real processes and real signals. The AWS provider talks over HTTP to a
// `tfsim cloud serve` child process; stopping that server (SIGSTOP) holds the provider's calls in flight for
// as long as the test likes, so "in flight" is a fact, not a race. First SIGINT: nothing new starts, the calls
// in flight finish once the server resumes, the state is saved and the lock released, Terraform's messages,
// exit 1. A second SIGINT exits at once, and the state still holds every create reported complete.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalBackend } from "../../state/local/backend.js";
import { runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";

const USERS = 200;
const config = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_iam_user" "u" {
  count = ${USERS}
  name  = "user-\${count.index}"
}
# Waits on every user, so it is never started once the apply is stopped.
resource "terraform_data" "after" {
  input = aws_iam_user.u[*].name
}
`;

/** A child process whose output is collected, with a way to wait for a pattern in it. */
class Proc {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<number>;
  private waiters: { check: () => boolean; res: () => void }[] = [];

  constructor(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [tfsimBin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => {
      this.stdout += d.toString();
      this.waiters = this.waiters.filter((w) => (w.check() ? (w.res(), false) : true));
    });
    this.child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((res) => this.child.on("exit", (code) => res(code ?? -1)));
  }

  /** Resolves once stdout matches `re` (checked on every chunk). */
  waitFor(re: RegExp): Promise<void> {
    return this.waitForCheck(() => re.test(this.stdout));
  }

  /** Resolves once `check` holds (checked on every chunk of stdout). */
  waitForCheck(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((res) => this.waiters.push({ check, res }));
  }

  signal(s: NodeJS.Signals): void {
    process.kill(this.child.pid!, s);
  }
}

const started: Proc[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.signal("SIGCONT");
      p.signal("SIGTERM");
      await p.exited;
    }
  }
});

async function setUp(): Promise<{ cwd: string; env: NodeJS.ProcessEnv; server: Proc }> {
  const home = tempDir("tfsim-int-home-");
  const cwd = tempDir("tfsim-int-cfg-");
  writeFileSync(join(cwd, "main.tf"), config);
  const server = new Proc(["cloud", "serve", "-port=0"], cwd, { TFSIM_HOME: home, HOME: home });
  started.push(server);
  await server.waitFor(/AWS_ENDPOINT_URL=(\S+)/);
  const url = /AWS_ENDPOINT_URL=(\S+)/.exec(server.stdout)![1]!;
  return { cwd, env: { TFSIM_HOME: home, HOME: home, AWS_ENDPOINT_URL: url }, server };
}

const creating = (out: string): string[] => [...out.matchAll(/^(aws_iam_user\.u\[\d+\]): Creating\.\.\.$/gm)].map((m) => m[1]!);
const completed = (out: string): string[] => [...out.matchAll(/^(aws_iam_user\.u\[\d+\]): Creation complete/gm)].map((m) => m[1]!);
/** Resolves once every one of the 4 parallel slots holds a create the stopped server will not answer. */
async function fourInFlight(apply: Proc, started: RegExp, done: RegExp): Promise<void> {
  const count = (re: RegExp): number => apply.stdout.match(new RegExp(re.source, "gm"))?.length ?? 0;
  await apply.waitForCheck(() => count(started) - count(done) === 4);
}

const interrupted = "\nInterrupt received.\nPlease wait for tfsim to exit or data loss may occur.\nGracefully shutting down...\n\nStopping operation...\n";

async function stateAddrs(cwd: string): Promise<Set<string>> {
  const got = await new LocalBackend("terraform.tfstate", { cwd }).get();
  expect(got.diagnostics.hasErrors()).toBe(false);
  return new Set(got.state!.instances().map((i) => i.addr.toString()));
}

describe("Ctrl-C during apply", { timeout: 120_000 }, () => {
  it("first SIGINT: nothing new starts, calls in flight finish, state saved, lock released, exit 1", async () => {
    const { cwd, env, server } = await setUp();
    const apply = new Proc(["apply", "-auto-approve", "-no-color", "-parallelism=4"], cwd, env);
    started.push(apply);
    await apply.waitFor(/: Creation complete/);
    server.signal("SIGSTOP"); // from now on every create the apply starts stays in flight
    await fourInFlight(apply, /: Creating\.\.\.$/, /: Creation complete/);
    apply.signal("SIGINT");
    await apply.waitFor(/Stopping operation\.\.\.\n/);
    const atInterrupt = apply.stdout.length;
    server.signal("SIGCONT");
    const code = await apply.exited;

    expect(code).toBe(1);
    expect(apply.stdout).toContain(interrupted);
    // Started before the interrupt, finished after it; nothing started after it.
    expect(creating(apply.stdout.slice(atInterrupt))).toEqual([]);
    expect(completed(apply.stdout.slice(atInterrupt)).length).toBeGreaterThanOrEqual(4); // the four held in flight
    expect(completed(apply.stdout).sort()).toEqual(creating(apply.stdout).sort());
    expect(creating(apply.stdout).length).toBeLessThan(USERS);
    expect(apply.stdout).not.toContain("Apply complete!");
    expect(apply.stderr).toContain("Error: execution halted");
    expect(apply.stderr).not.toContain("terraform_data.after");

    const inState = await stateAddrs(cwd);
    expect([...inState].sort()).toEqual(completed(apply.stdout).sort());
    expect(existsSync(join(cwd, ".terraform.tfstate.lock.info"))).toBe(false);
    const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd, env });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`Plan: ${USERS + 1 - inState.size} to add, 0 to change, 0 to destroy.`);
  });

  it("a second SIGINT exits at once, calls still in flight; every reported create is in state", async () => {
    const { cwd, env, server } = await setUp();
    const apply = new Proc(["apply", "-auto-approve", "-no-color", "-parallelism=4"], cwd, env);
    started.push(apply);
    await apply.waitFor(/: Creation complete/);
    server.signal("SIGSTOP");
    await fourInFlight(apply, /: Creating\.\.\.$/, /: Creation complete/);
    apply.signal("SIGINT");
    await apply.waitFor(/Stopping operation\.\.\.\n/);
    apply.signal("SIGINT");
    const code = await apply.exited; // while the server is still stopped: nothing in flight finished
    server.signal("SIGCONT");

    expect(code).toBe(1);
    expect(apply.stderr).toContain("\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n");
    expect(apply.stderr).toContain("Error: operation canceled");
    expect(apply.stdout).not.toContain("Apply complete!");
    const inState = await stateAddrs(cwd);
    for (const a of completed(apply.stdout)) expect(inState.has(a)).toBe(true);
    const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd, env });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(2);
  });
  it("-json: the interrupt as Terraform's log lines, halted changes as diagnostics", async () => {
    const { cwd, env, server } = await setUp();
    const apply = new Proc(["apply", "-auto-approve", "-json", "-parallelism=4"], cwd, env);
    started.push(apply);
    await apply.waitFor(/"type":"apply_complete"/);
    server.signal("SIGSTOP");
    await fourInFlight(apply, /"type":"apply_start"/, /"type":"apply_complete"/);
    apply.signal("SIGINT");
    await apply.waitFor(/Stopping operation\.\.\./);
    server.signal("SIGCONT");
    expect(await apply.exited).toBe(1);
    const lines = apply.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; "@message": string; "@level": string });
    const logs = lines.filter((l) => l.type === "log").map((l) => l["@message"]);
    expect(logs).toContain("\nInterrupt received.\nPlease wait for tfsim to exit or data loss may occur.\nGracefully shutting down...\n");
    expect(logs).toContain("Stopping operation...");
    expect(lines.some((l) => l.type === "diagnostic" && l["@level"] === "error" && l["@message"] === "Error: execution halted")).toBe(true);
    // The plan's summary only: an interrupted apply reports no apply summary.
    expect(lines.filter((l) => l.type === "change_summary").map((l) => l["@message"])).toEqual([`Plan: ${USERS + 1} to add, 0 to change, 0 to destroy.`]);
  });
  it("a SIGINT while planning: the plan finishes and shows, then 'execution halted' and nothing is applied", async () => {
    const { cwd, env, server } = await setUp();
    expect(runTfsim(["apply", "-auto-approve", "-no-color"], { cwd, env }).code).toBe(0);
    writeFileSync(join(cwd, "extra.tf"), 'resource "terraform_data" "extra" {}\n');
    server.signal("SIGSTOP"); // the refresh's reads now wait
    const apply = new Proc(["apply", "-auto-approve", "-no-color"], cwd, env);
    started.push(apply);
    await apply.waitFor(/Refreshing state\.\.\./);
    apply.signal("SIGINT");
    await apply.waitFor(/Gracefully shutting down\.\.\.\n/);
    server.signal("SIGCONT");
    expect(await apply.exited).toBe(1);
    expect(apply.stdout).toContain("\nInterrupt received.\nPlease wait for tfsim to exit or data loss may occur.\nGracefully shutting down...\n");
    expect(apply.stdout).not.toContain("Stopping operation...");
    expect(apply.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(apply.stdout).not.toContain("Creating...");
    expect(apply.stderr).toContain("Error: execution halted");
    expect((await stateAddrs(cwd)).has("terraform_data.extra")).toBe(false);
    expect(existsSync(join(cwd, ".terraform.tfstate.lock.info"))).toBe(false);
  });
});
