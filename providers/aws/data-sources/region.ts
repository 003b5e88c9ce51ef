// aws_region: the provider's region, or the one named, from the partition's region table.
import { StringType } from "../../../src/lang/types.js";
import { regionEndpoint, regions } from "../../../src/cloud/ec2/catalog/regions.js";
import type { DataSourceType } from "./data-source.js";

const descriptions: Record<string, string> = {
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
  "ca-central-1": "Canada (Central)",
  "sa-east-1": "South America (Sao Paulo)",
  "eu-west-1": "Europe (Ireland)",
  "eu-west-2": "Europe (London)",
  "eu-west-3": "Europe (Paris)",
  "eu-central-1": "Europe (Frankfurt)",
  "eu-north-1": "Europe (Stockholm)",
  "ap-south-1": "Asia Pacific (Mumbai)",
  "ap-northeast-1": "Asia Pacific (Tokyo)",
  "ap-northeast-2": "Asia Pacific (Seoul)",
  "ap-northeast-3": "Asia Pacific (Osaka)",
  "ap-southeast-1": "Asia Pacific (Singapore)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
};

export const region: DataSourceType = {
  offline: true,
  schema: {
    version: 0,
    block: {
      attributes: {
        description: { type: StringType, computed: true },
        endpoint: { type: StringType, optional: true, computed: true },
        id: { type: StringType, optional: true, computed: true },
        name: { type: StringType, optional: true, computed: true },
      },
    },
  },
  async read(ctx, config) {
    const name = typeof config.name === "string" ? config.name : ctx.region;
    if (!regions.has(name)) throw new Error(`region ${name} not found`);
    const endpoint = regionEndpoint(name);
    if (typeof config.endpoint === "string" && config.endpoint !== endpoint) throw new Error(`region with endpoint ${config.endpoint} not found`);
    return { description: descriptions[name] ?? name, endpoint, id: name, name };
  },
};
