// DescribeInstanceTypes over the catalog (catalog/instance-types.ts): InstanceTypes, filters, pages.
import type { ActionSpec } from "../service.js";
import { type InstanceTypeInfo, instanceTypes } from "./catalog/instance-types.js";
import { invalidParameterValue } from "./errors.js";
import { applyFilters, filtersOf, page, strList } from "./filters.js";
import type { Ec2Model } from "./model.js";

type Row = InstanceTypeInfo & { id: string; tags: [] };

function typeOut(t: InstanceTypeInfo): Record<string, unknown> {
  const threads = t.vCpus > 1 && !t.architectures.includes("arm64") ? 2 : 1;
  return {
    InstanceType: t.instanceType,
    CurrentGeneration: t.currentGeneration,
    FreeTierEligible: t.instanceType === "t2.micro" || t.instanceType === "t3.micro",
    SupportedUsageClasses: ["on-demand", "spot"],
    SupportedRootDeviceTypes: ["ebs"],
    SupportedVirtualizationTypes: ["hvm"],
    BareMetal: false,
    Hypervisor: t.hypervisor,
    ProcessorInfo: { SupportedArchitectures: [...t.architectures] },
    VCpuInfo: { DefaultVCpus: t.vCpus, DefaultCores: Math.max(1, t.vCpus / threads), DefaultThreadsPerCore: threads },
    MemoryInfo: { SizeInMiB: t.memoryMiB },
    InstanceStorageSupported: false,
    BurstablePerformanceSupported: t.burstable,
    HibernationSupported: false,
    DedicatedHostsSupported: !t.burstable,
    AutoRecoverySupported: true,
    SupportedBootModes: t.architectures.includes("arm64") ? ["uefi"] : ["legacy-bios", "uefi"],
  };
}

export const instanceTypeActions: Record<string, ActionSpec<Ec2Model>> = {
  DescribeInstanceTypes: {
    iamAction: "ec2:DescribeInstanceTypes",
    mutating: false,
    run(_ctx, p) {
      const names = strList(p, "InstanceTypes");
      for (const n of names) if (!instanceTypes.has(n)) throw invalidParameterValue(`The following supplied instance types do not exist: [${n}]`);
      let items: Row[] = [...instanceTypes.values()].map((t) => ({ ...t, id: t.instanceType, tags: [] }));
      if (names.length) items = items.filter((t) => names.includes(t.instanceType));
      items = applyFilters(items, filtersOf(p), {
        "instance-type": (t) => t.instanceType,
        "current-generation": (t) => t.currentGeneration,
        "processor-info.supported-architecture": (t) => t.architectures,
        "vcpu-info.default-vcpus": (t) => t.vCpus,
        "memory-info.size-in-mib": (t) => t.memoryMiB,
        "burstable-performance-supported": (t) => t.burstable,
        hypervisor: (t) => t.hypervisor,
      });
      const pg = page(items, p, 5, 100);
      return { InstanceTypes: pg.items.map(typeOut), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
};
