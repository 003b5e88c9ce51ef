// A catalog of real EC2 instance types with their vCPUs, memory and architectures, as DescribeInstanceTypes
// reports them. Built from family tables so each size's figures follow AWS's ladder rather than being typed out.

export type Architecture = "x86_64" | "arm64" | "i386";

export interface InstanceTypeInfo {
  readonly instanceType: string;
  readonly vCpus: number;
  readonly memoryMiB: number;
  readonly architectures: readonly Architecture[];
  readonly burstable: boolean;
  readonly currentGeneration: boolean;
  /** Whether the type can launch outside a VPC's Nitro requirements: ENA required for Nitro types. */
  readonly hypervisor: "xen" | "nitro";
}

interface FamilySpec {
  readonly family: string;
  readonly arch: readonly Architecture[];
  readonly burstable?: boolean;
  readonly hypervisor: "xen" | "nitro";
  readonly previousGeneration?: boolean;
  /** [size, vCPUs, memory GiB] */
  readonly sizes: readonly (readonly [string, number, number])[];
}

const burstableSizes = [
  ["nano", 2, 0.5],
  ["micro", 2, 1],
  ["small", 2, 2],
  ["medium", 2, 4],
  ["large", 2, 8],
  ["xlarge", 4, 16],
  ["2xlarge", 8, 32],
] as const;

function ladder(memPerVcpu: number, sizes: readonly string[]): (readonly [string, number, number])[] {
  const vcpus: Record<string, number> = {
    medium: 1, large: 2, xlarge: 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32, "12xlarge": 48, "16xlarge": 64, "24xlarge": 96,
  };
  return sizes.map((s) => [s, vcpus[s]!, vcpus[s]! * memPerVcpu] as const);
}

const general = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
const graviton = ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];

const families: readonly FamilySpec[] = [
  {
    family: "t2", arch: ["x86_64", "i386"], burstable: true, hypervisor: "xen",
    sizes: [["nano", 1, 0.5], ["micro", 1, 1], ["small", 1, 2], ["medium", 2, 4], ["large", 2, 8], ["xlarge", 4, 16], ["2xlarge", 8, 32]],
  },
  { family: "t3", arch: ["x86_64"], burstable: true, hypervisor: "nitro", sizes: burstableSizes },
  { family: "t3a", arch: ["x86_64"], burstable: true, hypervisor: "nitro", sizes: burstableSizes },
  { family: "t4g", arch: ["arm64"], burstable: true, hypervisor: "nitro", sizes: burstableSizes },
  { family: "m4", arch: ["x86_64"], hypervisor: "xen", previousGeneration: true, sizes: ladder(4, ["large", "xlarge", "2xlarge", "4xlarge", "16xlarge"]) },
  { family: "m5", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(4, general) },
  { family: "m6i", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(4, general) },
  { family: "m6a", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(4, general) },
  { family: "m7i", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(4, general) },
  { family: "m6g", arch: ["arm64"], hypervisor: "nitro", sizes: ladder(4, graviton) },
  { family: "m7g", arch: ["arm64"], hypervisor: "nitro", sizes: ladder(4, graviton) },
  { family: "c5", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(2, ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"]) },
  { family: "c6i", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(2, general) },
  { family: "c7i", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(2, general) },
  { family: "c6g", arch: ["arm64"], hypervisor: "nitro", sizes: ladder(2, graviton) },
  { family: "c7g", arch: ["arm64"], hypervisor: "nitro", sizes: ladder(2, graviton) },
  { family: "r5", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(8, general) },
  { family: "r6i", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(8, general) },
  { family: "r7i", arch: ["x86_64"], hypervisor: "nitro", sizes: ladder(8, general) },
  { family: "r6g", arch: ["arm64"], hypervisor: "nitro", sizes: ladder(8, graviton) },
  { family: "r7g", arch: ["arm64"], hypervisor: "nitro", sizes: ladder(8, graviton) },
];

export const instanceTypes: ReadonlyMap<string, InstanceTypeInfo> = new Map(
  families.flatMap((f) =>
    f.sizes.map(([size, vCpus, memGiB]) => {
      const info: InstanceTypeInfo = {
        instanceType: `${f.family}.${size}`,
        vCpus,
        memoryMiB: Math.round(memGiB * 1024),
        architectures: f.arch,
        burstable: f.burstable === true,
        currentGeneration: f.previousGeneration !== true,
        hypervisor: f.hypervisor,
      };
      return [info.instanceType, info] as const;
    }),
  ),
);

/**
 * The regional quota of a new account for On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances, in vCPUs
 * (Service Quotas L-1216C47A). New accounts start low; AWS raises it on request.
 */
export const DEFAULT_STANDARD_VCPU_QUOTA = 32;
