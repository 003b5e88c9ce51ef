// aws_iam_access_key: the secret exists only in CreateAccessKey's answer, so reads keep it from state; import
// cannot recover it. ses_smtp_password_v4 is derived from the secret as AWS documents for SES SMTP.
import { createHmac } from "node:crypto";
import { isNotFound } from "../errors.js";
import type { Obj } from "../plain.js";
import type { ResourceType } from "../resource.js";
import { computed, optional, requiredForceNew, rfc3339, S, sdkId } from "./iam-common.js";

const sensitiveComputed = { type: S, computed: true, sensitive: true } as const;

/** The SES SMTP password for a secret key in a region (AWS's documented HMAC chain, version byte 0x04). */
export function sesSmtpPasswordV4(secret: string, region: string): string {
  let sig: Buffer = Buffer.from(`AWS4${secret}`, "utf8");
  for (const part of ["11111111", region, "ses", "aws4_request", "SendRawEmail"]) sig = createHmac("sha256", sig).update(part, "utf8").digest();
  return Buffer.concat([Buffer.from([0x04]), sig]).toString("base64");
}

export const iamAccessKey: ResourceType = {
  noun: "IAM Access Key",
  label: (o) => String(o.id ?? o.user),
  schema: {
    version: 0,
    block: {
      attributes: {
        create_date: computed,
        encrypted_secret: computed,
        encrypted_ses_smtp_password_v4: computed,
        id: sdkId,
        key_fingerprint: computed,
        pgp_key: { type: S, optional: true, forceNew: true },
        secret: sensitiveComputed,
        ses_smtp_password_v4: sensitiveComputed,
        status: optional,
        user: requiredForceNew,
      },
    },
  },
  defaults: { status: "Active" },
  async create(ctx, p) {
    const k = (await ctx.client.call("iam", "CreateAccessKey", { UserName: p.user })).AccessKey as Record<string, unknown>;
    const id = String(k.AccessKeyId);
    if (p.status === "Inactive") await ctx.client.call("iam", "UpdateAccessKey", { UserName: p.user, AccessKeyId: id, Status: "Inactive" });
    const secret = String(k.SecretAccessKey);
    // With a pgp_key the provider stores only the encrypted secret; tfsim does not encrypt, so it keeps neither.
    const plain: Obj = p.pgp_key ? {} : { secret, ses_smtp_password_v4: sesSmtpPasswordV4(secret, ctx.region) };
    return { ...p, id, create_date: rfc3339(k.CreateDate), ...plain };
  },
  async read(ctx, prior) {
    let keys: Record<string, unknown>[];
    try {
      // Imported by its id alone: the provider finds the user as GetAccessKeyLastUsed names it.
      const user = prior.user ?? (await ctx.client.call("iam", "GetAccessKeyLastUsed", { AccessKeyId: prior.id })).UserName;
      keys = (await ctx.client.call("iam", "ListAccessKeys", { UserName: user })).AccessKeyMetadata as Record<string, unknown>[];
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    const k = (keys ?? []).find((x) => x.AccessKeyId === prior.id);
    if (!k) return null;
    return {
      ...prior,
      create_date: rfc3339(k.CreateDate),
      status: String(k.Status),
      user: String(k.UserName),
      secret: prior.secret ?? null,
      ses_smtp_password_v4: prior.ses_smtp_password_v4 ?? null,
      encrypted_secret: prior.encrypted_secret ?? null,
      encrypted_ses_smtp_password_v4: prior.encrypted_ses_smtp_password_v4 ?? null,
      key_fingerprint: prior.key_fingerprint ?? null,
    };
  },
  async update(ctx, prior, p) {
    if (prior.status !== p.status) await ctx.client.call("iam", "UpdateAccessKey", { UserName: p.user, AccessKeyId: prior.id, Status: p.status });
  },
  // The secret is not in state after an import: AWS shows it once, at creation.
  importId: (id) => ({ id }),
  async delete(ctx, s) {
    try {
      await ctx.client.call("iam", "DeleteAccessKey", { UserName: s.user, AccessKeyId: s.id });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
