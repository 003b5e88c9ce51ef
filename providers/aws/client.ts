// How the provider reaches the cloud. In process (the default) it calls the embedded cloud of TFSIM_HOME
// directly through its one entry point, exactly as the HTTP server would after verifying SigV4.
import type { AwsCredentials, Cloud, ServiceName } from "../../src/cloud/api.js";
import { AwsCallError } from "./errors.js";

export interface AwsClient {
  readonly region: string;
  /** The output of `action`; throws AwsCallError with AWS's error. */
  call(service: ServiceName, action: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

export class InProcessClient implements AwsClient {
  constructor(
    private readonly cloud: Cloud,
    private readonly credentials: AwsCredentials,
    readonly region: string,
  ) {}

  async call(service: ServiceName, action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const r = this.cloud.call({
      credentials: this.credentials,
      authenticatedBy: "secret",
      region: this.region,
      service,
      action,
      params,
      userAgent: "APN/1.0 HashiCorp/1.0 Terraform/1.11.0 (+https://www.terraform.io) terraform-provider-aws/tfsim",
    });
    if (!r.ok) throw new AwsCallError(service, action, r.requestId, r.error);
    return r.output;
  }

  close(): void {
    this.cloud.close();
  }
}
