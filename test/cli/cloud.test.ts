// `tfsim cloud credentials | reset | trail` through the real CLI, on a temp TFSIM_HOME.
import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestCloud } from "../cloud/core/helpers.js";
import { runTfsim, tempDir } from "../helpers/cli.js";

let home: string;
beforeEach(() => {
  home = tempDir("tfsim-cli-cloud-");
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const tfsim = (args: string[], input = "") => runTfsim(args, { env: { TFSIM_HOME: home }, input });

describe("tfsim cloud credentials", () => {
  it("prints the root keys as JSON, exactly {AccessKeyId, SecretAccessKey}, with the reminder on stderr", () => {
    for (const flag of ["--json", "-json"]) {
      const r = tfsim(["cloud", "credentials", flag]);
      expect(r.code).toBe(0);
      const keys = JSON.parse(r.stdout) as Record<string, string>;
      expect(Object.keys(keys)).toEqual(["AccessKeyId", "SecretAccessKey"]);
      expect(keys.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(r.stderr).toContain("Warning: These are the root user's access keys");
      expect(r.stderr).toContain("do not use root keys for everyday work");
    }
    const t = openTestCloud({ home });
    try {
      const keys = JSON.parse(tfsim(["cloud", "credentials", "-json"]).stdout) as { AccessKeyId: string; SecretAccessKey: string };
      expect(t.ok("sts", "GetCallerIdentity", {}, { accessKeyId: keys.AccessKeyId, secretAccessKey: keys.SecretAccessKey }).Arn).toBe(
        `arn:aws:iam::${t.cloud.accountId}:root`,
      );
    } finally {
      t.cloud.close();
    }
  });

  it("prints shell exports by default", () => {
    const r = tfsim(["cloud", "credentials"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^export AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}$/m);
    expect(r.stdout).toMatch(/^export AWS_SECRET_ACCESS_KEY=\S{40}$/m);
  });
});

describe("tfsim cloud reset", () => {
  function accountOf(): string {
    const t = openTestCloud({ home });
    const id = t.cloud.accountId;
    t.cloud.close();
    return id;
  }

  it("asks for confirmation and keeps the account unless the answer is yes", () => {
    const before = accountOf();
    const r = tfsim(["cloud", "reset"], "no\n");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Do you really want to delete the simulated AWS account ${before}?`);
    expect(r.stdout).toContain("Only 'yes' will be accepted to confirm.");
    expect(r.stdout).toContain("Enter a value: ");
    expect(r.stdout).toContain("Reset cancelled.");
    expect(accountOf()).toBe(before);
    expect(tfsim(["cloud", "reset"], "").code).toBe(1);
    expect(accountOf()).toBe(before);
  });

  it("wipes the account on yes (or -auto-approve); the next use signs up a new one", () => {
    const t = openTestCloud({ home });
    const before = t.cloud.accountId;
    t.ok("iam", "CreateUser", { UserName: "dev" });
    t.cloud.close();
    const r = tfsim(["cloud", "reset"], "yes\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`The simulated AWS account ${before} was deleted.`);
    const after = openTestCloud({ home });
    try {
      expect(after.cloud.accountId).not.toBe(before);
      expect(after.fail("iam", "GetUser", { UserName: "dev" }).code).toBe("NoSuchEntity");
      expect(after.cloud.audit.list().map((x) => x.action)).toEqual(["GetUser"]);
    } finally {
      after.cloud.close();
    }
    const again = tfsim(["cloud", "reset", "-auto-approve"]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("Enter a value");
  });
});

describe("tfsim cloud trail", () => {
  it("shows calls newest first, filters them, and speaks CloudTrail's names in JSON", () => {
    const t = openTestCloud({ home });
    const account = t.cloud.accountId;
    const dev = t.user("dev");
    t.fail("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: "{}" }, dev);
    t.ok("sts", "GetCallerIdentity", {}, dev);
    t.cloud.close();

    const all = tfsim(["cloud", "trail"]);
    expect(all.code).toBe(0);
    const lines = all.stdout.split("\n").filter((l) => /^\d{4}-/.test(l));
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(["sts:GetCallerIdentity", "iam:CreateRole", "iam:CreateAccessKey", "iam:CreateUser"]);
    expect(all.stdout).toContain(`iam:CreateRole  arn:aws:iam::${account}:user/dev  AccessDenied`);
    expect(all.stdout).toContain("is not authorized to perform: iam:CreateRole");

    const denied = tfsim(["cloud", "trail", "--denied"]);
    expect(denied.stdout.split("\n").filter((l) => /^\d{4}-/.test(l))).toHaveLength(1);
    const byRoot = tfsim(["cloud", "trail", "-principal", `arn:aws:iam::${account}:root`]);
    expect(byRoot.stdout.split("\n").filter((l) => /^\d{4}-/.test(l))).toHaveLength(2);
    const byAction = tfsim(["cloud", "trail", "--action=CreateUser"]);
    expect(byAction.stdout.split("\n").filter((l) => /^\d{4}-/.test(l))).toHaveLength(1);

    const json = tfsim(["cloud", "trail", "-json", "-denied"]);
    expect(json.code).toBe(0);
    const records = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      eventSource: "iam.amazonaws.com",
      eventName: "CreateRole",
      awsRegion: "us-east-1",
      errorCode: "AccessDenied",
      userIdentity: { arn: `arn:aws:iam::${account}:user/dev`, accessKeyId: dev.accessKeyId },
      requestParameters: { RoleName: "r", AssumeRolePolicyDocument: "{}" },
    });
    expect(records[0]!.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(tfsim(["cloud", "trail", "-limit=1", "-json"]).stdout).toContain('"GetCallerIdentity"');
  });

  it("says so when nothing was called yet", () => {
    const r = tfsim(["cloud", "trail"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("No calls recorded.\n");
  });
});

describe("tfsim cloud", () => {
  it("lists its subcommands and exits 1, as terraform state does", () => {
    const r = tfsim(["cloud"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Usage: tfsim [global options] cloud <subcommand> [options] [args]");
    for (const sub of ["credentials", "reset", "trail"]) expect(r.stdout).toMatch(new RegExp(`^    ${sub} `, "m"));
  });
});
