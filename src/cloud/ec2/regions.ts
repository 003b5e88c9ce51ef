// DescribeRegions and DescribeAvailabilityZones over the catalog, and a region's first-use defaults: the default
// VPC 172.31.0.0/16, one default /20 subnet per zone (public IPs on launch) and the VPC's "default" security group,
// as a new account has them.
import { availabilityZones, regionEndpoint, regions } from "./catalog/regions.js";
import type { ActionSpec } from "../service.js";
import { ec2Error } from "./errors.js";
import { applyFilters, filtersOf, strList } from "./filters.js";
import { type Ec2Model, ec2Id } from "./model.js";
import { type SecurityGroup, defaultEgressRule, newRuleId } from "./security-groups.js";
import type { Subnet, Vpc } from "./vpcs.js";

export function checkRegion(region: string): void {
  const r = regions.get(region);
  if (!r) throw ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials");
  if (r.optIn) throw ec2Error("OptInRequired", `You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.`);
}

export function initializeRegion(model: Ec2Model, region: string): void {
  const vpc: Vpc = {
    id: ec2Id("vpc"),
    tags: [],
    cidr: "172.31.0.0/16",
    isDefault: true,
    state: "available",
    dhcpOptionsId: ec2Id("dopt"),
    instanceTenancy: "default",
  };
  model.insert(region, "vpc", vpc);
  availabilityZones(region).forEach((z, i) => {
    const subnet: Subnet = {
      id: ec2Id("subnet"),
      tags: [],
      vpcId: vpc.id,
      cidr: `172.31.${i * 16}.0/20`,
      az: z.zoneName,
      azId: z.zoneId,
      isDefault: true,
      mapPublicIpOnLaunch: true,
      state: "available",
      nextHost: 4,
    };
    model.insert(region, "subnet", subnet);
  });
  const sgId = ec2Id("sg");
  const sg: SecurityGroup = {
    id: sgId,
    tags: [],
    name: "default",
    description: "default VPC security group",
    vpcId: vpc.id,
    ingress: [{ ruleId: newRuleId(), protocol: "-1", groupId: sgId }],
    egress: [defaultEgressRule()],
  };
  model.insert(region, "security-group", sg);
}

type RegionRow = { name: string; optIn: boolean };

export const regionActions: Record<string, ActionSpec<Ec2Model>> = {
  DescribeRegions: {
    iamAction: "ec2:DescribeRegions",
    mutating: false,
    run(_ctx, p) {
      const all = p.AllRegions === true;
      const names = strList(p, "RegionNames");
      let rows: (RegionRow & { id: string; tags: [] })[] = [...regions.values()].map((r) => ({ id: r.name, tags: [], name: r.name, optIn: r.optIn }));
      for (const n of names) if (!regions.has(n)) throw ec2Error("InvalidParameterValue", `Invalid region: ${n}`);
      if (names.length) rows = rows.filter((r) => names.includes(r.name));
      else if (!all) rows = rows.filter((r) => !r.optIn);
      const status = (r: RegionRow): string => (r.optIn ? "not-opted-in" : "opt-in-not-required");
      rows = applyFilters(rows, filtersOf(p), {
        "region-name": (r) => r.name,
        endpoint: (r) => regionEndpoint(r.name),
        "opt-in-status": (r) => status(r),
      });
      return { Regions: rows.map((r) => ({ RegionName: r.name, Endpoint: regionEndpoint(r.name), OptInStatus: status(r) })) };
    },
  },
  DescribeAvailabilityZones: {
    iamAction: "ec2:DescribeAvailabilityZones",
    mutating: false,
    run(ctx, p) {
      const names = strList(p, "ZoneNames");
      const ids = strList(p, "ZoneIds");
      let zones = availabilityZones(ctx.region).map((z) => ({ ...z, id: z.zoneName, tags: [] }));
      for (const n of names) {
        if (!zones.some((z) => z.zoneName === n)) throw ec2Error("InvalidParameterValue", `The zone '${n}' does not exist.`);
      }
      for (const n of ids) {
        if (!zones.some((z) => z.zoneId === n)) throw ec2Error("InvalidParameterValue", `The zone '${n}' does not exist.`);
      }
      if (names.length || ids.length) zones = zones.filter((z) => names.includes(z.zoneName) || ids.includes(z.zoneId));
      zones = applyFilters(zones, filtersOf(p), {
        "zone-name": (z) => z.zoneName,
        "zone-id": (z) => z.zoneId,
        "region-name": (z) => z.regionName,
        state: () => "available",
        "zone-type": () => "availability-zone",
        "opt-in-status": () => "opt-in-not-required",
      });
      return {
        AvailabilityZones: zones.map((z) => ({
          State: "available",
          OptInStatus: "opt-in-not-required",
          Messages: [],
          RegionName: z.regionName,
          ZoneName: z.zoneName,
          ZoneId: z.zoneId,
          GroupName: z.regionName,
          NetworkBorderGroup: z.regionName,
          ZoneType: "availability-zone",
        })),
      };
    },
  },
};
