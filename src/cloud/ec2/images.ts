// DescribeImages over the catalog of public AMIs (catalog/images.ts): ImageIds, Owners (self, amazon, account
// ids), ExecutableUsers, filters with wildcards. The account owns no images of its own yet, so "self" is empty.
import type { ActionContext, ActionSpec } from "../service.js";
import { type PublicImage, publicImages } from "./catalog/images.js";
import { ec2Error } from "./errors.js";
import { applyFilters, filtersOf, page, strList } from "./filters.js";
import type { Ec2Model } from "./model.js";

type Ctx = ActionContext<Ec2Model>;
type Row = PublicImage & { id: string; tags: [] };

const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function findImage(ctx: Ctx, imageId: string): PublicImage {
  if (!AMI_ID.test(imageId)) throw ec2Error("InvalidAMIID.Malformed", `Invalid id: "${imageId}" (expecting "ami-...")`);
  const img = publicImages(ctx.region).find((i) => i.imageId === imageId);
  if (!img) throw ec2Error("InvalidAMIID.NotFound", `The image id '[${imageId}]' does not exist`);
  return img;
}

export function imageOut(i: PublicImage): Record<string, unknown> {
  return {
    ImageId: i.imageId,
    ImageLocation: i.imageLocation,
    State: "available",
    OwnerId: i.ownerId,
    CreationDate: i.creationDate,
    Public: true,
    Architecture: i.architecture,
    ImageType: "machine",
    ...(i.platform ? { Platform: i.platform } : {}),
    PlatformDetails: i.platformDetails,
    UsageOperation: i.usageOperation,
    EnaSupport: true,
    Hypervisor: "xen",
    ...(i.ownerAlias ? { ImageOwnerAlias: i.ownerAlias } : {}),
    Name: i.name,
    Description: i.description,
    RootDeviceName: i.rootDeviceName,
    RootDeviceType: "ebs",
    SriovNetSupport: "simple",
    VirtualizationType: "hvm",
    ...(i.bootMode ? { BootMode: i.bootMode } : {}),
    ...(i.imdsSupport ? { ImdsSupport: i.imdsSupport } : {}),
    DeprecationTime: new Date(Date.parse(i.creationDate) + 2 * 365 * 86_400_000).toISOString(),
    BlockDeviceMappings: [
      {
        DeviceName: i.rootDeviceName,
        Ebs: { DeleteOnTermination: true, SnapshotId: i.snapshotId, VolumeSize: i.rootVolumeSizeGiB, VolumeType: i.rootVolumeType, Encrypted: false },
      },
    ],
  };
}

export const imageActions: Record<string, ActionSpec<Ec2Model>> = {
  DescribeImages: {
    iamAction: "ec2:DescribeImages",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "ImageIds");
      for (const id of ids) if (!AMI_ID.test(id)) throw ec2Error("InvalidAMIID.Malformed", `Invalid id: "${id}" (expecting "ami-...")`);
      let items: Row[] = publicImages(ctx.region).map((i) => ({ ...i, id: i.imageId, tags: [] }));
      if (ids.length) {
        const missing = ids.filter((id) => !items.some((i) => i.imageId === id));
        if (missing.length) throw ec2Error("InvalidAMIID.NotFound", `The image id '[${missing.join(", ")}]' does not exist`);
        items = items.filter((i) => ids.includes(i.imageId));
      }
      const owners = strList(p, "Owners");
      if (owners.length) {
        items = items.filter((i) =>
          owners.some((o) => o === i.ownerId || (o === "amazon" && i.ownerAlias === "amazon") || (o === "self" && i.ownerId === ctx.accountId)),
        );
      }
      items = applyFilters(items, filtersOf(p), {
        "image-id": (i) => i.imageId,
        name: (i) => i.name,
        description: (i) => i.description,
        "owner-alias": (i) => i.ownerAlias,
        "owner-id": (i) => i.ownerId,
        architecture: (i) => i.architecture,
        state: () => "available",
        platform: (i) => i.platform,
        "platform-details": (i) => i.platformDetails,
        "root-device-type": () => "ebs",
        "root-device-name": (i) => i.rootDeviceName,
        "virtualization-type": () => "hvm",
        "image-type": () => "machine",
        "is-public": () => true,
        hypervisor: () => "xen",
        "ena-support": () => true,
        "block-device-mapping.volume-type": (i) => i.rootVolumeType,
        "block-device-mapping.volume-size": (i) => i.rootVolumeSizeGiB,
        "block-device-mapping.snapshot-id": (i) => i.snapshotId,
        "creation-date": (i) => i.creationDate,
      });
      const pg = page(items, p);
      return { Images: pg.items.map(imageOut), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
};
