// S3's errors: AWS's codes, HTTP statuses and wording (S3 names the bucket or key in sibling elements).
import { AwsError } from "../api.js";

export function s3Error(code: string, message: string, httpStatus: number, extra?: Record<string, string>, headers?: Record<string, string>): AwsError {
  return new AwsError(code, message, httpStatus, "Sender", extra, headers);
}

export const noSuchBucket = (bucket: string) => s3Error("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: bucket });
export const noSuchKey = (key: string, headers?: Record<string, string>) => s3Error("NoSuchKey", "The specified key does not exist.", 404, { Key: key }, headers);
export const noSuchUpload = (uploadId: string) =>
  s3Error("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404, { UploadId: uploadId });
export const accessDenied = () => s3Error("AccessDenied", "Access Denied", 403);
