// The contract of the simulated AWS: one entry point for every call, whether it comes from the AWS provider
// in process or from the HTTP server (src/cloud/server) after SigV4 verification.
//
//   (credentials, region, service, action, params) → result | AwsError
//
// Pipeline per call: authenticate → authorize (IAM evaluation) → service action → durable commit → audit record.
// Params and outputs are plain JS values shaped as botocore's service model says (member names as in the model:
// `UserName`, `Tags: [{Key, Value}]`, lists as arrays, maps as objects, timestamps as Date, blobs as Buffer).
// The wire codecs (src/cloud/wire) turn HTTP requests into these shapes and outputs back into XML.

export type ServiceName = "iam" | "sts" | "ec2" | "s3";

export interface AwsCredentials {
  readonly accessKeyId: string;
  /** Present for in-process calls; over HTTP the server has already verified the signature with it. */
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
}

export interface CallRequest {
  readonly credentials: AwsCredentials;
  /**
   * How the caller proved it holds the secret: "secret" (in process, secretAccessKey compared),
   * "sigv4" (the HTTP server verified the signature; secretAccessKey may be absent), or
   * "anonymous" (an unsigned HTTP request; only resource policies can allow it, e.g. a public S3 read).
   */
  readonly authenticatedBy: "secret" | "sigv4" | "anonymous";
  readonly region: string;
  readonly service: ServiceName;
  readonly action: string;
  readonly params: Record<string, unknown>;
  /** Request context for condition keys (aws:SourceIp, aws:SecureTransport, aws:UserAgent). */
  readonly sourceIp?: string;
  readonly secureTransport?: boolean;
  readonly userAgent?: string;
}

export interface AwsErrorShape {
  /** AWS's error code: "NoSuchEntity", "AccessDenied", "UnauthorizedOperation", "InvalidClientTokenId". */
  readonly code: string;
  /** AWS's own wording. */
  readonly message: string;
  /** HTTP status AWS answers with (400, 403, 404, 409, 500...). */
  readonly httpStatus: number;
  /** Query-protocol error type: "Sender" for caller faults, "Receiver" for service faults. */
  readonly type: "Sender" | "Receiver";
  /** Extra fields some errors carry (S3's BucketName, Key, ...), rendered as sibling XML elements. */
  readonly extra?: Readonly<Record<string, string>>;
  /** HTTP headers the error answer carries (S3's x-amz-delete-marker and x-amz-version-id on a deleted key). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error as AWS returns it. Thrown inside service actions, returned as a value from the entry point. */
export class AwsError extends Error implements AwsErrorShape {
  readonly code: string;
  readonly httpStatus: number;
  readonly type: "Sender" | "Receiver";
  readonly extra?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;

  constructor(
    code: string,
    message: string,
    httpStatus = 400,
    type: "Sender" | "Receiver" = "Sender",
    extra?: Record<string, string>,
    headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AwsError";
    this.code = code;
    this.httpStatus = httpStatus;
    this.type = type;
    if (extra) this.extra = extra;
    if (headers) this.headers = headers;
  }
}

export type CallResult =
  | { readonly ok: true; readonly requestId: string; readonly output: Record<string, unknown> }
  | { readonly ok: false; readonly requestId: string; readonly error: AwsErrorShape };

/** What the HTTP server needs to verify a SigV4 signature before calling `call`. */
export interface SigningKeyLookup {
  /**
   * The secret for an access key id (long-term AKIA… or temporary ASIA…), or the AWS error to answer with:
   * InvalidClientTokenId (unknown or inactive key), ExpiredToken (expired session), InvalidToken (bad session token).
   */
  signingSecret(accessKeyId: string, sessionToken: string | undefined): { secretAccessKey: string } | AwsErrorShape;
}

/** A call refused before it reached the pipeline: its key is unknown or its signature does not verify. */
export interface RefusedCall {
  readonly requestId: string;
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  /** Empty when the request names no operation the service knows. */
  readonly action: string;
  readonly error: AwsErrorShape;
  readonly sourceIp?: string;
}

/** One simulated AWS account, backed by the SQLite store in TFSIM_HOME. */
export interface Cloud extends SigningKeyLookup {
  readonly accountId: string;
  call(request: CallRequest): CallResult;
  /** Audits a refused call, as CloudTrail records failed calls with their errorCode. */
  recordRefused?(call: RefusedCall): void;
  close(): void;
}
