// S3's bucket naming rules (general purpose buckets), as CreateBucket enforces them.
export function validBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return false;
  if (name.includes("..") || name.includes(".-") || name.includes("-.")) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) return false;
  if (name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3") || name.endsWith("--table-s3")) return false;
  return true;
}

/**
 * Names other accounts hold: bucket names are global, so these well-known public buckets (AWS Open Data and the
 * like) exist for every tfsim account as they do on AWS, where creating one is BucketAlreadyExists and reading one
 * is AccessDenied.
 */
const HELD_ELSEWHERE: ReadonlySet<string> = new Set(["commoncrawl", "nyc-tlc", "landsat-pds", "noaa-ghcn-pds", "sentinel-s2-l1c", "amazon-reviews-pds", "elasticmapreduce"]);

export function heldByAnotherAccount(name: string): boolean {
  return HELD_ELSEWHERE.has(name);
}
