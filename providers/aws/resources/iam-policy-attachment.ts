// aws_iam_{role,user,group}_policy_attachment: one managed policy attached to one principal. id is the SDK's
// PrefixedUniqueId("<principal>-"); import id "<principal>/<policy_arn>".
import { error } from "../../../src/diag/diagnostic.js";
import { AwsCallError } from "../errors.js";
import type { ResourceType } from "../resource.js";
import { computed, prefixedUniqueId, requiredForceNew, sdkId } from "./iam-common.js";

type Kind = "Role" | "User" | "Group";

function attachment(kind: Kind): ResourceType {
  const arg = kind.toLowerCase();
  const nameParam = `${kind}Name`;
  return {
    noun: `IAM ${kind} Policy Attachment`,
    label: (o) => `${String(o[arg])}/${String(o.policy_arn)}`,
    schema: { version: 0, block: { attributes: { id: sdkId, policy_arn: requiredForceNew, [arg]: requiredForceNew } } },
    async create(ctx, p) {
      await ctx.client.call("iam", `Attach${kind}Policy`, { [nameParam]: p[arg], PolicyArn: p.policy_arn });
      return { ...p, id: prefixedUniqueId(`${String(p[arg])}-`) };
    },
    async read(ctx, prior) {
      let attached: { PolicyArn: string }[] = [];
      try {
        let marker: unknown;
        do {
          const out = await ctx.client.call("iam", `ListAttached${kind}Policies`, { [nameParam]: prior[arg], ...(marker ? { Marker: marker } : {}) });
          attached = attached.concat((out.AttachedPolicies as { PolicyArn: string }[]) ?? []);
          marker = out.IsTruncated ? out.Marker : undefined;
        } while (marker);
      } catch (e) {
        if (e instanceof AwsCallError && e.code === "NoSuchEntity") return null;
        throw e;
      }
      return attached.some((a) => a.PolicyArn === prior.policy_arn) ? { ...prior } : null;
    },
    async delete(ctx, s) {
      try {
        await ctx.client.call("iam", `Detach${kind}Policy`, { [nameParam]: s[arg], PolicyArn: s.policy_arn });
      } catch (e) {
        if (!(e instanceof AwsCallError && e.code === "NoSuchEntity")) throw e;
      }
    },
    importId(id) {
      const slash = id.indexOf("/");
      if (slash <= 0) throw error(`unexpected format for ID (${id}), expected <${arg}-name>/<policy_arn>`);
      return { id, [arg]: id.slice(0, slash), policy_arn: id.slice(slash + 1) };
    },
  };
}

export const iamRolePolicyAttachment = attachment("Role");
export const iamUserPolicyAttachment = attachment("User");
export const iamGroupPolicyAttachment = attachment("Group");
