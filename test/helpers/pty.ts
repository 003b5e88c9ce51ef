// Runs a command on a real pseudo-terminal (python3's pty module), answering each "Enter a value: " prompt (plain
// or in Terraform's colours) with the next line given, as a user at a terminal would. Returns everything the
// terminal showed (with the terminal's echo of what was typed and its \r\n line ends).
import { spawnSync } from "node:child_process";

const driver = `
import os, pty, sys, select, json
answers = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
while True:
    r, _, _ = select.select([fd], [], [], 60)
    if not r:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if (out.endswith(b'Enter a value: ') or out.endswith(b'Enter a value:\\x1b[0m \\x1b[0m')) and answers:
        os.write(fd, (answers.pop(0) + '\\n').encode())
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status), "output": out.decode()}))
`;

const probe = spawnSync("python3", ["-c", "import pty"], { encoding: "utf8" });
/** Why pseudo-terminal tests are skipped, or undefined when python3 with pty is available. */
export const ptyMissing: string | undefined = probe.status === 0 ? undefined : "python3 with the pty module is not available";

export function runOnPty(command: readonly string[], answers: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): { code: number; output: string } {
  const r = spawnSync("python3", ["-c", driver, JSON.stringify(answers), ...command], {
    cwd: opts.cwd,
    encoding: "utf8",
    env: { ...process.env, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { code: number; output: string };
}
