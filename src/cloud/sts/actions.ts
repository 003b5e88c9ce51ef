// STS: who am I, and temporary credentials (AssumeRole, GetSessionToken).
import type { ActionSpec, ServiceSpec } from "../service.js";
import type { IamModel } from "../iam/model.js";
import { accessDenied } from "./errors.js";
import { inputShapes } from "./input-shapes.js";

const actions: Record<string, ActionSpec<IamModel>> = {
  // GetCallerIdentity needs no permission: AWS answers it even when every action is denied.
  GetCallerIdentity: {
    mutating: false,
    run: (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.accountId, Arn: ctx.caller.arn }),
  },
};

export const stsService: ServiceSpec<IamModel> = {
  name: "sts",
  apiVersion: "2011-06-15",
  inputShapes,
  actions,
  denied: accessDenied,
  createModel: (core) => core.iam,
};
