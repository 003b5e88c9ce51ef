// The regions and Availability Zones of the simulated partition, as a new account sees them. Zone letters and
// zone ids follow AWS's (per-account mapping aside: tfsim maps letters to ids in order). Opt-in regions exist but
// are "not-opted-in", as in a new account, so DescribeRegions lists them only with AllRegions.

export interface RegionInfo {
  readonly name: string;
  /** Short prefix AWS uses in zone ids: use1 → use1-az1. */
  readonly zoneIdPrefix: string;
  readonly zoneLetters: string;
  readonly optIn: boolean;
}

const regionTable: readonly RegionInfo[] = [
  { name: "us-east-1", zoneIdPrefix: "use1", zoneLetters: "abcdef", optIn: false },
  { name: "us-east-2", zoneIdPrefix: "use2", zoneLetters: "abc", optIn: false },
  { name: "us-west-1", zoneIdPrefix: "usw1", zoneLetters: "ac", optIn: false },
  { name: "us-west-2", zoneIdPrefix: "usw2", zoneLetters: "abcd", optIn: false },
  { name: "ca-central-1", zoneIdPrefix: "cac1", zoneLetters: "abd", optIn: false },
  { name: "sa-east-1", zoneIdPrefix: "sae1", zoneLetters: "abc", optIn: false },
  { name: "eu-west-1", zoneIdPrefix: "euw1", zoneLetters: "abc", optIn: false },
  { name: "eu-west-2", zoneIdPrefix: "euw2", zoneLetters: "abc", optIn: false },
  { name: "eu-west-3", zoneIdPrefix: "euw3", zoneLetters: "abc", optIn: false },
  { name: "eu-central-1", zoneIdPrefix: "euc1", zoneLetters: "abc", optIn: false },
  { name: "eu-north-1", zoneIdPrefix: "eun1", zoneLetters: "abc", optIn: false },
  { name: "ap-south-1", zoneIdPrefix: "aps1", zoneLetters: "abc", optIn: false },
  { name: "ap-northeast-1", zoneIdPrefix: "apne1", zoneLetters: "acd", optIn: false },
  { name: "ap-northeast-2", zoneIdPrefix: "apne2", zoneLetters: "abcd", optIn: false },
  { name: "ap-northeast-3", zoneIdPrefix: "apne3", zoneLetters: "abc", optIn: false },
  { name: "ap-southeast-1", zoneIdPrefix: "apse1", zoneLetters: "abc", optIn: false },
  { name: "ap-southeast-2", zoneIdPrefix: "apse2", zoneLetters: "abc", optIn: false },
  { name: "af-south-1", zoneIdPrefix: "afs1", zoneLetters: "abc", optIn: true },
  { name: "ap-east-1", zoneIdPrefix: "ape1", zoneLetters: "abc", optIn: true },
  { name: "ap-south-2", zoneIdPrefix: "aps2", zoneLetters: "abc", optIn: true },
  { name: "ap-southeast-3", zoneIdPrefix: "apse3", zoneLetters: "abc", optIn: true },
  { name: "ap-southeast-4", zoneIdPrefix: "apse4", zoneLetters: "abc", optIn: true },
  { name: "ca-west-1", zoneIdPrefix: "caw1", zoneLetters: "abc", optIn: true },
  { name: "eu-south-1", zoneIdPrefix: "eus1", zoneLetters: "abc", optIn: true },
  { name: "eu-south-2", zoneIdPrefix: "eus2", zoneLetters: "abc", optIn: true },
  { name: "eu-central-2", zoneIdPrefix: "euc2", zoneLetters: "abc", optIn: true },
  { name: "il-central-1", zoneIdPrefix: "ilc1", zoneLetters: "abc", optIn: true },
  { name: "me-south-1", zoneIdPrefix: "mes1", zoneLetters: "abc", optIn: true },
  { name: "me-central-1", zoneIdPrefix: "mec1", zoneLetters: "abc", optIn: true },
];

export const regions: ReadonlyMap<string, RegionInfo> = new Map(regionTable.map((r) => [r.name, r]));

export interface AvailabilityZoneInfo {
  readonly zoneName: string;
  readonly zoneId: string;
  readonly regionName: string;
}

export function availabilityZones(region: string): AvailabilityZoneInfo[] {
  const r = regions.get(region);
  if (!r) return [];
  return [...r.zoneLetters].map((letter, i) => ({
    zoneName: `${region}${letter}`,
    zoneId: `${r.zoneIdPrefix}-az${i + 1}`,
    regionName: region,
  }));
}

export function isAvailabilityZone(zone: string): boolean {
  const region = zone.slice(0, -1);
  const r = regions.get(region);
  return r !== undefined && r.zoneLetters.includes(zone.slice(-1));
}

export function regionEndpoint(region: string): string {
  return `ec2.${region}.amazonaws.com`;
}
