// The public AMIs every region offers, named and owned as AWS's are: Amazon Linux 2023 and 2, Ubuntu 22.04 and
// 24.04, Debian 12, RHEL 9, Windows Server 2022, for x86_64 and arm64 where the publisher ships both, with an older
// and a newer release of each so `most_recent` has something to choose. Ids are derived from region and name, so
// the same image has the same id in every account and run, and different ids in different regions, as on AWS.
import { createHash } from "node:crypto";
import type { Architecture } from "./instance-types.js";

export const OWNER_AMAZON = "137112412989";
export const OWNER_CANONICAL = "099720109477";
export const OWNER_DEBIAN = "136693071363";
export const OWNER_REDHAT = "309956199498";
export const OWNER_MICROSOFT_AMAZON = "801119661308";

export interface PublicImage {
  readonly imageId: string;
  readonly name: string;
  readonly description: string;
  readonly ownerId: string;
  /** "amazon" for images AWS publishes (Amazon Linux, Windows); absent for other publishers. */
  readonly ownerAlias?: "amazon";
  readonly architecture: Exclude<Architecture, "i386">;
  readonly creationDate: string;
  readonly platform?: "windows";
  readonly platformDetails: string;
  readonly usageOperation: string;
  readonly rootDeviceName: string;
  readonly rootVolumeSizeGiB: number;
  readonly rootVolumeType: "gp2" | "gp3";
  readonly snapshotId: string;
  readonly imageLocation: string;
  readonly bootMode?: "uefi" | "uefi-preferred" | "legacy-bios";
  readonly imdsSupport?: "v2.0";
}

interface ImageTemplate {
  readonly name: (arch: string) => string;
  readonly description: (arch: string) => string;
  readonly ownerId: string;
  readonly ownerAlias?: "amazon";
  readonly arches: readonly ("x86_64" | "arm64")[];
  /** How the publisher spells the architecture in image names. */
  readonly archName: (arch: "x86_64" | "arm64") => string;
  readonly creationDate: string;
  readonly platform?: "windows";
  readonly platformDetails: string;
  readonly usageOperation: string;
  readonly rootDeviceName: string;
  readonly rootVolumeSizeGiB: number;
  readonly rootVolumeType: "gp2" | "gp3";
  readonly bootMode?: "uefi" | "uefi-preferred" | "legacy-bios";
  readonly imdsSupport?: "v2.0";
}

const same = (a: "x86_64" | "arm64") => a;
const debArch = (a: "x86_64" | "arm64") => (a === "x86_64" ? "amd64" : "arm64");

function al2023(version: string, date: string): ImageTemplate {
  return {
    name: (a) => `al2023-ami-${version}-kernel-6.1-${a}`,
    description: (a) => `Amazon Linux 2023 AMI ${version} ${a} HVM kernel-6.1`,
    ownerId: OWNER_AMAZON, ownerAlias: "amazon", arches: ["x86_64", "arm64"], archName: same, creationDate: date,
    platformDetails: "Linux/UNIX", usageOperation: "RunInstances", rootDeviceName: "/dev/xvda", rootVolumeSizeGiB: 8,
    rootVolumeType: "gp3", bootMode: "uefi-preferred", imdsSupport: "v2.0",
  };
}

function amzn2(version: string, date: string): ImageTemplate {
  return {
    name: (a) => `amzn2-ami-kernel-5.10-hvm-${version}-${a}-gp2`,
    description: (a) => `Amazon Linux 2 Kernel 5.10 AMI ${version} ${a} HVM gp2`,
    ownerId: OWNER_AMAZON, ownerAlias: "amazon", arches: ["x86_64", "arm64"], archName: same, creationDate: date,
    platformDetails: "Linux/UNIX", usageOperation: "RunInstances", rootDeviceName: "/dev/xvda", rootVolumeSizeGiB: 8,
    rootVolumeType: "gp2",
  };
}

function ubuntu(codename: string, release: string, serial: string, date: string): ImageTemplate {
  return {
    name: (a) => `ubuntu/images/hvm-ssd-gp3/ubuntu-${codename}-${release}-${a}-server-${serial}`,
    description: (a) => `Canonical, Ubuntu, ${release} LTS, ${a} ${codename} image build on ${serial.slice(0, 4)}-${serial.slice(4, 6)}-${serial.slice(6, 8)}`,
    ownerId: OWNER_CANONICAL, arches: ["x86_64", "arm64"], archName: debArch, creationDate: date,
    platformDetails: "Linux/UNIX", usageOperation: "RunInstances", rootDeviceName: "/dev/sda1", rootVolumeSizeGiB: 8,
    rootVolumeType: "gp3", bootMode: "uefi-preferred",
  };
}

function debian12(serial: string, date: string): ImageTemplate {
  return {
    name: (a) => `debian-12-${a}-${serial}`,
    description: () => `Debian 12 (${serial})`,
    ownerId: OWNER_DEBIAN, arches: ["x86_64", "arm64"], archName: debArch, creationDate: date,
    platformDetails: "Linux/UNIX", usageOperation: "RunInstances", rootDeviceName: "/dev/xvda", rootVolumeSizeGiB: 8,
    rootVolumeType: "gp2", bootMode: "uefi-preferred",
  };
}

function rhel9(minor: string, stamp: string, date: string): ImageTemplate {
  return {
    name: (a) => `RHEL-9.${minor}.0_HVM-${stamp}-${a}-0-Hourly2-GP3`,
    description: () => `Provided by Red Hat, Inc.`,
    ownerId: OWNER_REDHAT, arches: ["x86_64", "arm64"], archName: same, creationDate: date,
    platformDetails: "Red Hat Enterprise Linux", usageOperation: "RunInstances:0010", rootDeviceName: "/dev/sda1",
    rootVolumeSizeGiB: 10, rootVolumeType: "gp3",
  };
}

function windows2022(stamp: string, date: string): ImageTemplate {
  return {
    name: () => `Windows_Server-2022-English-Full-Base-${stamp}`,
    description: () => "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon",
    ownerId: OWNER_MICROSOFT_AMAZON, ownerAlias: "amazon", arches: ["x86_64"], archName: same, creationDate: date,
    platform: "windows", platformDetails: "Windows", usageOperation: "RunInstances:0002", rootDeviceName: "/dev/sda1",
    rootVolumeSizeGiB: 30, rootVolumeType: "gp2", bootMode: "uefi-preferred",
  };
}

const templates: readonly ImageTemplate[] = [
  al2023("2023.6.20241121.0", "2024-11-21T19:25:01.000Z"),
  al2023("2023.9.20251110.1", "2025-11-10T22:14:37.000Z"),
  amzn2("2.0.20241113.1", "2024-11-13T22:58:08.000Z"),
  amzn2("2.0.20251103.0", "2025-11-03T21:40:19.000Z"),
  ubuntu("jammy", "22.04", "20241002", "2024-10-02T07:41:42.000Z"),
  ubuntu("jammy", "22.04", "20251015", "2025-10-15T08:03:11.000Z"),
  ubuntu("noble", "24.04", "20241109", "2024-11-09T04:11:35.000Z"),
  ubuntu("noble", "24.04", "20251022", "2025-10-22T05:52:48.000Z"),
  debian12("20241201-1948", "2024-12-01T20:37:16.000Z"),
  debian12("20251006-2257", "2025-10-06T23:31:02.000Z"),
  rhel9("4", "20240605", "2024-06-05T12:10:20.000Z"),
  rhel9("6", "20250514", "2025-05-14T15:02:51.000Z"),
  windows2022("2024.11.13", "2024-11-13T07:34:00.000Z"),
  windows2022("2025.10.15", "2025-10-15T07:21:19.000Z"),
];

function hexId(prefix: string, ...parts: string[]): string {
  return prefix + createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 17);
}

const cache = new Map<string, readonly PublicImage[]>();

/** The public images of a region, newest last within each family. */
export function publicImages(region: string): readonly PublicImage[] {
  const hit = cache.get(region);
  if (hit) return hit;
  const images: PublicImage[] = [];
  for (const t of templates) {
    for (const arch of t.arches) {
      const name = t.name(t.archName(arch));
      const owner = t.ownerAlias ?? t.ownerId;
      images.push({
        imageId: hexId("ami-0", region, name).slice(0, 21),
        name,
        description: t.description(t.archName(arch)),
        ownerId: t.ownerId,
        ...(t.ownerAlias ? { ownerAlias: t.ownerAlias } : {}),
        architecture: arch,
        creationDate: t.creationDate,
        ...(t.platform ? { platform: t.platform } : {}),
        platformDetails: t.platformDetails,
        usageOperation: t.usageOperation,
        rootDeviceName: t.rootDeviceName,
        rootVolumeSizeGiB: t.rootVolumeSizeGiB,
        rootVolumeType: t.rootVolumeType,
        snapshotId: hexId("snap-0", region, name, "root-snapshot").slice(0, 22),
        imageLocation: `${owner}/${name}`,
        ...(t.bootMode ? { bootMode: t.bootMode } : {}),
        ...(t.imdsSupport ? { imdsSupport: t.imdsSupport } : {}),
      });
    }
  }
  cache.set(region, images);
  return images;
}
