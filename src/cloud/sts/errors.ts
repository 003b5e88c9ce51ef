// STS's errors: AWS's codes, HTTP statuses and wording.
import { AwsError } from "../api.js";

export function accessDenied(message: string): AwsError {
  return new AwsError("AccessDenied", message, 403);
}

export function validationError(message: string): AwsError {
  return new AwsError("ValidationError", message, 400);
}

export function malformedPolicy(message: string): AwsError {
  return new AwsError("MalformedPolicyDocument", message, 400);
}

export function invalidAuthorizationMessage(): AwsError {
  return new AwsError("InvalidAuthorizationMessageException", "The error message is not a valid encoded authorization message.", 400);
}
