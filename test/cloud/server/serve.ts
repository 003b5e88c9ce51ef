// Starts the real `tfsim cloud serve` (built CLI) on a free port with its own TFSIM_HOME, as a user would.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { repoRoot, runTfsim, tfsimBin } from "../../helpers/cli.js";

export interface Served {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, then the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function serve(home: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [tfsimBin, "cloud", "serve", "-port=0"], {
    cwd: repoRoot,
    env: { ...process.env, TFSIM_HOME: home, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const m = /at (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!m) return;
      child.stdout!.off("data", onData);
      resolve({
        url: m[1]!,
        port: Number(m[2]),
        child,
        output: () => out,
        stop: (signal = "SIGTERM") => {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    void exited.then((code) => reject(new Error(`tfsim cloud serve exited (${code}) before serving:\n${out}`)));
  });
}

export interface Keys {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string;
}

/** The root user's keys, from `tfsim cloud credentials -json` (or the account itself until that command exists). */
export function rootKeys(home: string): Keys {
  const r = runTfsim(["cloud", "credentials", "-json"], { env: { TFSIM_HOME: home } });
  if (r.code === 0) return JSON.parse(r.stdout) as Keys;
  const js = `import("./dist/src/cloud/index.js").then((m) => { const c = m.openCloud({ home: process.env.TFSIM_HOME });
    const k = c.rootCredentials(); console.log(JSON.stringify({ AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey })); c.close(); })`;
  const p = spawnSync(process.execPath, ["-e", js], { cwd: repoRoot, env: { ...process.env, TFSIM_HOME: home }, encoding: "utf8" });
  if (p.status !== 0) throw new Error(p.stderr);
  return JSON.parse(p.stdout) as Keys;
}

/** Environment for the aws CLI and boto3: these keys only, no profile or config file of the machine. */
export function awsEnv(keys: Keys): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: keys.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.SecretAccessKey,
    AWS_SESSION_TOKEN: keys.SessionToken ?? "",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

export interface AwsResult {
  readonly code: number;
  readonly json: unknown;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real aws CLI against the server. */
export function aws(served: Served, keys: Keys, args: readonly string[]): AwsResult {
  const env = awsEnv(keys);
  if (!keys.SessionToken) delete env.AWS_SESSION_TOKEN;
  const r = spawnSync("aws", ["--endpoint-url", served.url, "--output", "json", ...args], { env, encoding: "utf8" });
  let json: unknown;
  try {
    json = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
  } catch {
    json = undefined;
  }
  return { code: r.status ?? -1, json, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a Python (boto3) check script against the server with these keys only: `python3 SCRIPT URL`. */
export function python(served: Served, keys: Keys, script: string): { code: number; stdout: string; stderr: string } {
  const env = awsEnv(keys);
  if (!keys.SessionToken) delete env.AWS_SESSION_TOKEN;
  const r = spawnSync("python3", [script, served.url], { env, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
