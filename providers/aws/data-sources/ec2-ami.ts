// data "aws_ami": DescribeImages with owners and filters; most_recent picks the latest CreationDate, and more
// than one match without it is the provider's error.
import { BoolType, listOf, mapOf, setOf, StringType } from "../../../src/lang/types.js";
import { strList, type Obj } from "../plain.js";
import type { DataSourceType } from "./data-source.js";

const S = StringType;
const c = { type: S, computed: true } as const;

export const ami: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: {
        architecture: c,
        arn: c,
        creation_date: c,
        description: c,
        executable_users: { type: listOf(S), optional: true },
        id: { type: S, optional: true, computed: true },
        image_id: c,
        image_location: c,
        image_owner_alias: c,
        image_type: c,
        most_recent: { type: BoolType, optional: true },
        name: c,
        name_regex: { type: S, optional: true },
        owner_id: c,
        owners: { type: listOf(S), optional: true },
        platform_details: c,
        public: { type: BoolType, computed: true },
        root_device_name: c,
        root_device_type: c,
        root_snapshot_id: c,
        state: c,
        tags: { type: mapOf(S), optional: true, computed: true },
        virtualization_type: c,
        ena_support: { type: BoolType, computed: true },
        deprecation_time: c,
        boot_mode: c,
        imds_support: c,
        hypervisor: c,
        usage_operation: c,
        sriov_net_support: c,
      },
      blockTypes: {
        filter: { nesting: "set", block: { attributes: { name: { type: S, required: true }, values: { type: setOf(S), required: true } } } },
      },
    },
  },
  async read(ctx, config) {
    const filters = (Array.isArray(config.filter) ? (config.filter as Obj[]) : []).map((f) => ({ Name: f.name, Values: strList(f.values) }));
    const owners = strList(config.owners);
    const out = await ctx.client.call("ec2", "DescribeImages", {
      ...(owners.length ? { Owners: owners } : {}),
      ...(filters.length ? { Filters: filters } : {}),
      ...(strList(config.executable_users).length ? { ExecutableUsers: strList(config.executable_users) } : {}),
    });
    let images = (out.Images as Record<string, unknown>[]) ?? [];
    if (typeof config.name_regex === "string") {
      const re = new RegExp(config.name_regex);
      images = images.filter((i) => re.test(String(i.Name ?? "")));
    }
    if (images.length === 0) throw new Error("Your query returned no results. Please change your search criteria and try again.");
    if (images.length > 1 && config.most_recent !== true) throw new Error("Your query returned more than one result. Please try a more specific search criteria, or set `most_recent` attribute to true.");
    const img = [...images].sort((a, b) => String(b.CreationDate).localeCompare(String(a.CreationDate)))[0]!;
    const iso = (d: unknown): string | null => (d === undefined ? null : (d instanceof Date ? d : new Date(String(d))).toISOString());
    const root = ((img.BlockDeviceMappings as { DeviceName: string; Ebs?: { SnapshotId?: string; } }[]) ?? []).find((b) => b.DeviceName === img.RootDeviceName);
    const tags: Record<string, string> = {};
    for (const t of (img.Tags as { Key: string; Value: string }[]) ?? []) tags[t.Key] = t.Value;
    const s = (k: string): string | null => (img[k] === undefined ? null : String(img[k]));
    return {
      architecture: s("Architecture"),
      arn: `arn:aws:ec2:${ctx.region}::image/${String(img.ImageId)}`,
      creation_date: iso(img.CreationDate),
      description: s("Description"),
      id: String(img.ImageId),
      image_id: String(img.ImageId),
      image_location: s("ImageLocation"),
      image_owner_alias: s("ImageOwnerAlias"),
      image_type: s("ImageType"),
      name: s("Name"),
      owner_id: s("OwnerId"),
      platform_details: s("PlatformDetails"),
      public: img.Public === true,
      root_device_name: s("RootDeviceName"),
      root_device_type: s("RootDeviceType"),
      root_snapshot_id: root?.Ebs?.SnapshotId ?? null,
      
      state: s("State"),
      tags,
      virtualization_type: s("VirtualizationType"),
      ena_support: img.EnaSupport === true,
      deprecation_time: iso(img.DeprecationTime),
      boot_mode: s("BootMode"),
      imds_support: s("ImdsSupport"),
      hypervisor: s("Hypervisor"),
      usage_operation: s("UsageOperation"),
      sriov_net_support: s("SriovNetSupport"),
    };
  },
};
