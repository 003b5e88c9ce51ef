// What one data source implements: a read from its configuration to the whole object.
import type { ResourceSchema } from "../../../src/provider/schema.js";
import type { Obj } from "../plain.js";
import type { ResourceContext } from "../resource.js";

export interface DataSourceType {
  readonly schema: ResourceSchema;
  /** Pure data sources (aws_iam_policy_document) need no configured client. */
  readonly offline?: boolean;
  /** How the provider words a failure: "reading IAM Role". */
  readonly failure?: string;
  read(ctx: ResourceContext, config: Obj): Promise<Obj>;
}
