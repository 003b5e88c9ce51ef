// data "aws_availability_zones": the region's zones (state = "available" by default).
import { BoolType, listOf, setOf, StringType } from "../../../src/lang/types.js";
import type { DataSourceType } from "./data-source.js";

const S = StringType;

export const availabilityZones: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: {
        all_availability_zones: { type: BoolType, optional: true },
        group_names: { type: setOf(S), computed: true },
        id: { type: S, optional: true, computed: true },
        names: { type: listOf(S), computed: true },
        state: { type: S, optional: true },
        zone_ids: { type: listOf(S), computed: true },
      },
    },
  },
  async read(ctx, config) {
    const filters = typeof config.state === "string" ? [{ Name: "state", Values: [config.state] }] : [];
    const out = await ctx.client.call("ec2", "DescribeAvailabilityZones", filters.length ? { Filters: filters } : {});
    const zones = ((out.AvailabilityZones as { ZoneName: string; ZoneId: string; GroupName?: string }[]) ?? []).sort((a, b) => (a.ZoneName < b.ZoneName ? -1 : 1));
    return {
      group_names: [...new Set(zones.map((z) => z.GroupName ?? ctx.region))],
      id: ctx.region,
      names: zones.map((z) => z.ZoneName),
      zone_ids: zones.map((z) => z.ZoneId),
    };
  },
};
