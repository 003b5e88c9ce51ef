// AWS errors as the real provider words them (aws-sdk-go-v2's OperationError wrapping a ResponseError):
//   creating IAM User (bob): operation error IAM: CreateUser, https response error StatusCode: 409,
//   RequestID: ..., EntityAlreadyExists: User with name bob already exists.
// Errors the service model declares print as `Code: message`; undeclared ones through smithy's GenericAPIError,
// `api error Code: message`.
import { error, type Diagnostic } from "../../src/diag/diagnostic.js";
import type { AwsErrorShape, ServiceName } from "../../src/cloud/api.js";

const serviceIds: Record<ServiceName, string> = { iam: "IAM", sts: "STS", ec2: "EC2", s3: "S3" };

/** Error codes the IAM and STS models declare as shapes (modeled errors). */
const modeled = new Set([
  "EntityAlreadyExists",
  "NoSuchEntity",
  "LimitExceeded",
  "MalformedPolicyDocument",
  "DeleteConflict",
  "InvalidInput",
  "ServiceFailure",
  "ConcurrentModification",
  "UnmodifiableEntity",
  "PolicyNotAttachable",
  "ExpiredToken",
  "RegionDisabledException",
  "PackedPolicyTooLarge",
  "NoSuchBucket",
  "NoSuchKey",
  "BucketAlreadyExists",
  "BucketAlreadyOwnedByYou",
]);

export class AwsCallError extends Error {
  constructor(
    readonly service: ServiceName,
    readonly action: string,
    readonly requestId: string,
    readonly shape: AwsErrorShape,
  ) {
    super(describeCallError(service, action, requestId, shape));
    this.name = "AwsCallError";
  }

  get code(): string {
    return this.shape.code;
  }
}

export function describeCallError(service: ServiceName, action: string, requestId: string, e: AwsErrorShape): string {
  const api = modeled.has(e.code) ? `${e.code}: ${e.message}` : `api error ${e.code}: ${e.message}`;
  return `operation error ${serviceIds[service]}: ${action}, https response error StatusCode: ${e.httpStatus}, RequestID: ${requestId}, ${api}`;
}

export function isNotFound(e: unknown): boolean {
  return e instanceof AwsCallError && (e.code === "NoSuchEntity" || e.code.endsWith(".NotFound") || e.code === "NoSuchBucket" || e.code === "NoSuchKey");
}

/** The diagnostic for a failed step: `verb` is the provider's own wording ("creating IAM User (bob)"). */
export function stepFailed(verb: string, e: unknown): Diagnostic {
  if (e instanceof AwsCallError) return error(`${verb}: ${e.message}`);
  if (e instanceof Error) return error(`${verb}: ${e.message}`);
  return error(`${verb}: ${String(e)}`);
}
