// What the EC2 resources share: tags as TagSpecifications and CreateTags/DeleteTags, and reading Tag lists.
import type { Obj } from "../plain.js";
import type { ResourceContext } from "../resource.js";
import { tagsToSend, type AwsTag } from "./iam-common.js";

export function tagSpecifications(ctx: ResourceContext, o: Obj, resourceType: string): Record<string, unknown> {
  const tags = tagsToSend(ctx, o);
  return tags.length ? { TagSpecifications: [{ ResourceType: resourceType, Tags: tags }] } : {};
}

export function ec2TagUpdater(ctx: ResourceContext, id: string): [(tags: AwsTag[]) => Promise<unknown>, (keys: string[]) => Promise<unknown>] {
  return [
    (Tags) => ctx.client.call("ec2", "CreateTags", { Resources: [id], Tags }),
    (keys) => ctx.client.call("ec2", "DeleteTags", { Resources: [id], Tags: keys.map((Key) => ({ Key })) }),
  ];
}
