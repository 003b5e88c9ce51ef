// IAM's errors: AWS's codes, HTTP statuses and wording.
import { AwsError } from "../api.js";

export type IamEntityKind = "user" | "role" | "group";

export function noSuchEntity(message: string): AwsError {
  return new AwsError("NoSuchEntity", message, 404);
}

export function entityNotFound(kind: IamEntityKind, name: string): AwsError {
  return noSuchEntity(`The ${kind} with name ${name} cannot be found.`);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError("EntityAlreadyExists", message, 409);
}

export function deleteConflict(message: string): AwsError {
  return new AwsError("DeleteConflict", message, 409);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError("LimitExceeded", message, 409);
}

export function invalidInput(message: string): AwsError {
  return new AwsError("InvalidInput", message, 400);
}

export function malformedPolicy(message: string): AwsError {
  return new AwsError("MalformedPolicyDocument", message, 400);
}

export function validationError(message: string): AwsError {
  return new AwsError("ValidationError", message, 400);
}

export function accessDenied(message: string): AwsError {
  return new AwsError("AccessDenied", message, 403);
}
