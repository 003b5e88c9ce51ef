// EC2's ServiceSpec: the actions of every resource family, each run against the caller's region after the region
// is checked and given its defaults on first use. Denials are UnauthorizedOperation with an encoded
// authorization message (sts:DecodeAuthorizationMessage decodes it).
import type { ActionSpec, Params, ServiceSpec } from "../service.js";
import { encodeAuthorizationMessage } from "../sts/authorization-message.js";
import { missingParameter, unauthorized } from "./errors.js";
import { imageActions } from "./images.js";
import { instanceTypeActions } from "./instance-types.js";
import { instanceActions } from "./instances.js";
import { keyPairActions } from "./key-pairs.js";
import { Ec2Model, migrations } from "./model.js";
import { checkRegion, initializeRegion, regionActions } from "./regions.js";
import { requiredMembers } from "./required.js";
import { securityGroupActions } from "./security-groups.js";
import { tagActions } from "./tags.js";
import { volumeActions } from "./volumes.js";
import { vpcActions } from "./vpcs.js";

const families: Record<string, ActionSpec<Ec2Model>>[] = [regionActions, vpcActions, securityGroupActions, keyPairActions, imageActions, instanceTypeActions, instanceActions, volumeActions, tagActions];

/** EC2's MissingParameter for a required member botocore's model names (an empty list counts as missing). */
function checkRequired(required: readonly string[] | undefined, p: Params): void {
  for (const name of required ?? []) {
    const v = p[name];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) throw missingParameter(name);
  }
}

/** Each action, first checking required members and making sure the region exists and has its defaults
 *  (before authorization needs them). */
function inRegion(name: string, spec: ActionSpec<Ec2Model>): ActionSpec<Ec2Model> {
  const original = spec.conditionKeys;
  const required = requiredMembers[name];
  return {
    ...spec,
    conditionKeys(ctx, p) {
      checkRequired(required, p);
      checkRegion(ctx.region);
      ctx.model.ensureRegion(ctx.region, ctx.nowMs);
      return original ? original(ctx, p) : {};
    },
    run(ctx, p) {
      checkRequired(required, p);
      checkRegion(ctx.region);
      ctx.model.ensureRegion(ctx.region, ctx.nowMs);
      return spec.run(ctx, p);
    },
  };
}

const actions: Record<string, ActionSpec<Ec2Model>> = {};
for (const f of families) for (const [name, spec] of Object.entries(f)) actions[name] = inRegion(name, spec);

export const ec2Service: ServiceSpec<Ec2Model> = {
  name: "ec2",
  apiVersion: "2016-11-15",
  inputShapes: {},
  actions,
  denied: (message, request, decision) =>
    unauthorized(`You are not authorized to perform this operation. ${message}. Encoded authorization failure message: ${encodeAuthorizationMessage(request, decision)}`),
  migrations,
  beginCall: (model) => model.beginCall(),
  createModel(core) {
    const model = new Ec2Model(core.db, core.accountId, core.clock);
    model.initializeRegion = (m, region) => initializeRegion(m, region);
    return model;
  },
};
