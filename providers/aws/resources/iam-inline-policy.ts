// aws_iam_{role,user,group}_policy: an inline policy; id "<principal>:<name>", updated with another Put.
import { isNotFound } from "../errors.js";
import type { ResourceType } from "../resource.js";
import { computed, decodePolicy, keepEquivalent, required, requiredForceNew, resourceName, S, sdkId } from "./iam-common.js";

type Kind = "Role" | "User" | "Group";

function inline(kind: Kind): ResourceType {
  const arg = kind.toLowerCase();
  const nameParam = `${kind}Name`;
  const put = async (ctx: Parameters<ResourceType["create"]>[0], principal: unknown, name: string, doc: unknown): Promise<void> => {
    await ctx.client.call("iam", `Put${kind}Policy`, { [nameParam]: principal, PolicyName: name, PolicyDocument: doc });
  };
  return {
    noun: `IAM ${kind} Policy`,
    label: (o) => String(o.id ?? `${String(o[arg])}:${String(o.name)}`),
    schema: {
      version: 0,
      block: {
        attributes: {
          id: sdkId,
          name: { type: S, optional: true, computed: true, forceNew: true },
          name_prefix: { type: S, optional: true, computed: true, forceNew: true },
          policy: required,
          [arg]: requiredForceNew,
        },
      },
    },
    async create(ctx, p) {
      const name = resourceName(p);
      await put(ctx, p[arg], name, p.policy);
      return { ...p, name, id: `${String(p[arg])}:${name}` };
    },
    async read(ctx, prior) {
      const id = String(prior.id);
      const colon = id.indexOf(":");
      const principal = id.slice(0, colon);
      const name = id.slice(colon + 1);
      let doc: string;
      try {
        doc = decodePolicy((await ctx.client.call("iam", `Get${kind}Policy`, { [nameParam]: principal, PolicyName: name })).PolicyDocument);
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
      return { ...prior, [arg]: principal, name, name_prefix: prior.name_prefix ?? null, policy: keepEquivalent(prior.policy, doc) };
    },
    async update(ctx, _prior, p) {
      await put(ctx, p[arg], String(p.name), p.policy);
    },
    async delete(ctx, s) {
      try {
        await ctx.client.call("iam", `Delete${kind}Policy`, { [nameParam]: s[arg], PolicyName: s.name });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
    importId: (id) => ({ id }),
  };
}

export const iamRolePolicy = inline("Role");
export const iamUserPolicy = inline("User");
export const iamGroupPolicy = inline("Group");
