// IAM policy documents and AWS's policy evaluation logic: parse and validate once when a policy is stored,
// evaluate on every call.
export type { AuthzPrincipal, AuthzRequest, ContextValue, Decision, Effect, PolicyDocument, PolicyKind, PolicyType, Statement } from "./types.js";
export { parsePolicyDocument, messages as malformedPolicyMessages, type ParseResult } from "./parse.js";
export { evaluate } from "./evaluate.js";
export { denialMessage } from "./denial-message.js";
export { checkPolicySize, policySize, policySizeLimits, type PolicySizeKind } from "./size-limits.js";
export { wildcardMatch } from "./glob.js";
export { arnMatch } from "./arn.js";
export { simulate, toEvalDecision, type EvalDecision, type MatchedStatement, type PolicySource, type SimulationResult } from "./simulate.js";
export { statementPositions, type Position } from "./positions.js";
