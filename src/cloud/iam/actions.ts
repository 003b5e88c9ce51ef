// The IAM service as the pipeline sees it: every action by its API name, from the resource families.
import type { ActionSpec, ServiceSpec } from "../service.js";
import { accessDenied } from "./errors.js";
import { credentialActions } from "./credentials.js";
import { inputShapes } from "./input-shapes.js";
import type { IamModel } from "./model.js";
import { roleActions } from "./roles.js";
import { userActions } from "./users.js";
import { groupActions } from "./groups.js";
import { policyActions } from "./policies.js";
import { inlinePolicyActions } from "./inline.js";
import { instanceProfileActions } from "./instance-profiles.js";
import { simulateActions } from "./simulate.js";
import { accountDetailsActions } from "./account-details.js";

const actions: Record<string, ActionSpec<IamModel>> = {
  ...userActions,
  ...credentialActions,
  ...roleActions,
  ...groupActions,
  ...policyActions,
  ...inlinePolicyActions,
  ...instanceProfileActions,
  ...simulateActions,
  ...accountDetailsActions,
};

export const iamService: ServiceSpec<IamModel> = {
  name: "iam",
  apiVersion: "2010-05-08",
  inputShapes,
  actions,
  denied: accessDenied,
  createModel: (core) => core.iam,
};
