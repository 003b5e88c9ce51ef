// An instance's metadata options (RunInstances MetadataOptions, ModifyInstanceMetadataOptions): whether its metadata
// service answers at all, whether it requires IMDSv2 tokens, and the PUT response hop limit. The defaults follow the
// AMI as EC2 does: an AMI whose ImdsSupport is v2.0 launches with tokens required and a hop limit of 2.
import { invalidParameterValue } from "./errors.js";

export interface MetadataOptions {
  httpTokens: "optional" | "required";
  httpEndpoint: "enabled" | "disabled";
  httpPutResponseHopLimit: number;
  httpProtocolIpv6: "enabled" | "disabled";
  instanceMetadataTags: "enabled" | "disabled";
}

/** What an instance stored before metadata options were recorded had: IMDSv1 allowed, as its metadata service did. */
export const LEGACY_METADATA_OPTIONS: MetadataOptions = {
  httpTokens: "optional",
  httpEndpoint: "enabled",
  httpPutResponseHopLimit: 1,
  httpProtocolIpv6: "disabled",
  instanceMetadataTags: "disabled",
};

export function defaultMetadataOptions(imdsSupport: string | undefined): MetadataOptions {
  return imdsSupport === "v2.0" ? { ...LEGACY_METADATA_OPTIONS, httpTokens: "required", httpPutResponseHopLimit: 2 } : { ...LEGACY_METADATA_OPTIONS };
}

function choice<T extends string>(p: Record<string, unknown>, name: string, allowed: readonly T[], current: T): T {
  const v = p[name];
  if (v === undefined || v === null) return current;
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw invalidParameterValue(`Value (${String(v)}) for parameter ${name} is invalid. Valid values: ${allowed.join(", ")}`);
  }
  return v as T;
}

/** The options after applying a request's members (RunInstances' MetadataOptions or ModifyInstanceMetadataOptions). */
export function applyMetadataOptions(current: MetadataOptions, p: Record<string, unknown>): MetadataOptions {
  const hop = p.HttpPutResponseHopLimit;
  let limit = current.httpPutResponseHopLimit;
  if (hop !== undefined && hop !== null) {
    if (typeof hop !== "number" || !Number.isInteger(hop) || hop < 1 || hop > 64) {
      throw invalidParameterValue(`Value (${String(hop)}) for parameter HttpPutResponseHopLimit is invalid. Must be an integer between 1 and 64.`);
    }
    limit = hop;
  }
  return {
    httpTokens: choice(p, "HttpTokens", ["optional", "required"], current.httpTokens),
    httpEndpoint: choice(p, "HttpEndpoint", ["enabled", "disabled"], current.httpEndpoint),
    httpPutResponseHopLimit: limit,
    httpProtocolIpv6: choice(p, "HttpProtocolIpv6", ["enabled", "disabled"], current.httpProtocolIpv6),
    instanceMetadataTags: choice(p, "InstanceMetadataTags", ["enabled", "disabled"], current.instanceMetadataTags),
  };
}

/** EC2's InstanceMetadataOptionsResponse; State is "pending" in the reply to a change, "applied" once it took effect. */
export function metadataOptionsOut(o: MetadataOptions | undefined, state: "pending" | "applied"): Record<string, unknown> {
  const m = o ?? LEGACY_METADATA_OPTIONS;
  return {
    State: state,
    HttpTokens: m.httpTokens,
    HttpPutResponseHopLimit: m.httpPutResponseHopLimit,
    HttpEndpoint: m.httpEndpoint,
    HttpProtocolIpv6: m.httpProtocolIpv6,
    InstanceMetadataTags: m.instanceMetadataTags,
  };
}
