// aws_caller_identity: sts:GetCallerIdentity of the provider's credentials.
import { StringType } from "../../../src/lang/types.js";
import type { DataSourceType } from "./data-source.js";

const c = { type: StringType, computed: true } as const;

export const callerIdentity: DataSourceType = {
  schema: { version: 0, block: { attributes: { account_id: c, arn: c, id: { type: StringType, optional: true, computed: true }, user_id: c } } },
  async read(ctx) {
    const out = await ctx.client.call("sts", "GetCallerIdentity");
    return { account_id: String(out.Account), arn: String(out.Arn), id: String(out.Account), user_id: String(out.UserId) };
  },
};
