// `tfsim cloud trail`: the account's audit trail, newest first; -json uses CloudTrail's record field names.
import type { AuditRecord } from "../../cloud/audit.js";
import { println, type Command } from "../command.js";
import { openAccount } from "./cloud-common.js";

function cloudTrailRecord(r: AuditRecord): Record<string, unknown> {
  return {
    eventTime: r.time.toISOString(),
    eventSource: `${r.service}.amazonaws.com`,
    eventName: r.action,
    awsRegion: r.region,
    ...(r.sourceIp ? { sourceIPAddress: r.sourceIp } : {}),
    userIdentity: { ...(r.principalArn ? { arn: r.principalArn } : {}), ...(r.accessKeyId ? { accessKeyId: r.accessKeyId } : {}) },
    requestParameters: r.params,
    ...(r.errorCode ? { errorCode: r.errorCode, errorMessage: r.errorMessage } : {}),
    requestID: r.requestId,
  };
}

export const cloudTrailCommand: Command = {
  name: "cloud trail",
  synopsis: "Show the audit trail of the simulated AWS account",
  help: `Usage: tfsim [global options] cloud trail [options]

  Shows every API call made to the simulated AWS account of TFSIM_HOME
  (default ~/.tfsim), allowed or denied, newest first: time, caller, action,
  and the error code of calls that failed. Secrets in request parameters are
  hidden, as CloudTrail hides them.

Options:

  -denied           Only calls refused for lack of permission (AccessDenied,
                    UnauthorizedOperation).

  -principal=ARN    Only calls made by this principal (user, root or
                    assumed-role session ARN).

  -action=ACTION    Only calls of this action: CreateUser, or iam:CreateUser.

  -limit=N          At most N records.

  -json             Print a JSON array of records with CloudTrail's field names.
`,
  flags: {
    denied: { type: "boolean" },
    principal: { type: "string" },
    action: { type: "string" },
    limit: { type: "number" },
    json: { type: "boolean" },
  },
  async run(args, ctx) {
    const cloud = openAccount(ctx);
    if (!cloud) return 1;
    try {
      const limit = args.flags.limit as number | undefined;
      const records = cloud.audit.list({
        ...(args.flags.denied ? { denied: true } : {}),
        ...(typeof args.flags.principal === "string" ? { principalArn: args.flags.principal } : {}),
        ...(typeof args.flags.action === "string" ? { action: args.flags.action } : {}),
        ...(limit !== undefined && limit > 0 ? { limit } : {}),
      });
      if (args.flags.json) {
        println(ctx.stdout, JSON.stringify(records.map(cloudTrailRecord), null, 2));
        return 0;
      }
      if (records.length === 0) {
        println(ctx.stdout, "No calls recorded.");
        return 0;
      }
      for (const r of records) {
        const outcome = r.errorCode ?? "OK";
        println(ctx.stdout, `${r.time.toISOString()}  ${r.service}:${r.action}  ${r.principalArn ?? `(unknown key ${r.accessKeyId ?? "-"})`}  ${outcome}  ${r.requestId}`);
        if (r.errorCode && r.errorMessage) println(ctx.stdout, `    ${r.errorMessage}`);
      }
      return 0;
    } finally {
      cloud.close();
    }
  },
};
