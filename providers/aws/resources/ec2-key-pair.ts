// aws_key_pair: an imported public key; id = key_name. Every argument but tags forces replacement.
import { isNotFound, AwsCallError } from "../errors.js";
import { adoptByName, type ResourceType } from "../resource.js";
import { computed, S, sdkId, tagsAttrs, tagsFromAws, updateTags } from "./iam-common.js";
import { ec2TagUpdater, tagSpecifications } from "./ec2-common.js";
import { prefixedUniqueId } from "./iam-common.js";

export const keyPair: ResourceType = {
  noun: "EC2 Key Pair",
  label: (o) => String(o.key_name ?? o.id),
  schema: {
    version: 1,
    block: {
      attributes: {
        arn: computed,
        fingerprint: computed,
        id: sdkId,
        key_name: { type: S, optional: true, computed: true, forceNew: true },
        key_name_prefix: { type: S, optional: true, computed: true, forceNew: true },
        key_pair_id: computed,
        key_type: computed,
        public_key: { type: S, required: true, forceNew: true },
        ...tagsAttrs,
      },
    },
  },
  // The provider's StateFunc: the key is recorded trimmed, so file()'s trailing newline is no change.
  plan(_ctx, _prior, p) {
    if (typeof p.public_key === "string") p.public_key = p.public_key.trim();
  },
  adopt: adoptByName("key_name"),
  async create(ctx, p) {
    const name = typeof p.key_name === "string" ? p.key_name : prefixedUniqueId(typeof p.key_name_prefix === "string" ? p.key_name_prefix : "terraform-");
    await ctx.client.call("ec2", "ImportKeyPair", {
      KeyName: name,
      PublicKeyMaterial: Buffer.from(String(p.public_key)),
      ...tagSpecifications(ctx, p, "key-pair"),
    });
    return { ...p, id: name, key_name: name };
  },
  async read(ctx, prior) {
    let k: Record<string, unknown> | undefined;
    try {
      k = ((await ctx.client.call("ec2", "DescribeKeyPairs", { KeyNames: [prior.id], IncludePublicKey: true })).KeyPairs as Record<string, unknown>[])?.[0];
    } catch (e) {
      if (isNotFound(e) || (e instanceof AwsCallError && e.code === "InvalidKeyPair.NotFound")) return null;
      throw e;
    }
    if (!k) return null;
    return {
      ...prior,
      arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:key-pair/${String(k.KeyName)}`,
      fingerprint: String(k.KeyFingerprint),
      id: String(k.KeyName),
      key_name: String(k.KeyName),
      key_name_prefix: prior.key_name_prefix ?? null,
      key_pair_id: String(k.KeyPairId),
      key_type: String(k.KeyType ?? "rsa"),
      // The configured key while there is one; an imported key pair gets the key EC2 returns.
      public_key: typeof prior.public_key === "string" ? prior.public_key : typeof k.PublicKey === "string" ? k.PublicKey.trim() : null,
      ...tagsFromAws(ctx, k.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    const [tag, untag] = ec2TagUpdater(ctx, String(prior.key_pair_id));
    await updateTags(ctx, prior, p, tag, untag);
  },
  async delete(ctx, s) {
    await ctx.client.call("ec2", "DeleteKeyPair", { KeyName: s.id });
  },
  importId: (id) => ({ id, key_name: id }),
};
