// The services of the simulated account. To add one (EC2, S3), write src/cloud/NAME/actions.ts exporting its
// ServiceSpec and add ONE line here.
import { ec2Service } from "./ec2/actions.js";
import { iamService } from "./iam/actions.js";
import { type BoundService, type CloudCore, bindService } from "./service.js";
import { stsService } from "./sts/actions.js";
import { s3Service } from "./s3/actions.js";

export const serviceFactories: readonly ((core: CloudCore) => BoundService)[] = [
  (core) => bindService(iamService, core),
  (core) => bindService(stsService, core),
  (core) => bindService(ec2Service, core),
  (core) => bindService(s3Service, core),
];
