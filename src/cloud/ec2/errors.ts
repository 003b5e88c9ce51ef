// EC2's errors: AWS's codes and wording. EC2 answers every client fault with HTTP 400, except
// UnauthorizedOperation (403).
import { AwsError } from "../api.js";

export function ec2Error(code: string, message: string): AwsError {
  return new AwsError(code, message, 400);
}

export function unauthorized(message: string): AwsError {
  return new AwsError("UnauthorizedOperation", message, 403);
}

export function invalidParameterValue(message: string): AwsError {
  return ec2Error("InvalidParameterValue", message);
}

export function missingParameter(name: string): AwsError {
  return ec2Error("MissingParameter", `The request must contain the parameter ${name}`);
}

export function notFound(code: string, what: string, id: string): AwsError {
  return ec2Error(code, `The ${what} '${id}' does not exist`);
}
