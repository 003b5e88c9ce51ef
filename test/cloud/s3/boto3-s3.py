"""S3 through tfsim cloud serve with boto3: each check asserts real behaviour; prints one line per check.
Usage: boto3-s3.py ENDPOINT (keys in the environment)."""
import datetime
import http.client
import json
import sys
import urllib.parse
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

from s3checks import check, code

endpoint = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))


s3.create_bucket(Bucket="boto-bucket")
assert "boto-bucket" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
assert s3.get_bucket_location(Bucket="boto-bucket")["LocationConstraint"] is None
s3.create_bucket(Bucket="boto-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}) if False else None
check("buckets")

put = s3.put_object(Bucket="boto-bucket", Key="a/b.txt", Body=b"0123456789", ContentType="text/x-test", Metadata={"color": "blue"},
                    CacheControl="max-age=60")
assert put["ETag"] == '"781e5e245d69b566979b86e28d23f2c7"', put["ETag"]
got = s3.get_object(Bucket="boto-bucket", Key="a/b.txt")
assert got["Body"].read() == b"0123456789"
assert got["ContentType"] == "text/x-test" and got["Metadata"] == {"color": "blue"} and got["CacheControl"] == "max-age=60"
r = s3.get_object(Bucket="boto-bucket", Key="a/b.txt", Range="bytes=-3")
assert r["ResponseMetadata"]["HTTPStatusCode"] == 206 and r["Body"].read() == b"789" and r["ContentRange"] == "bytes 7-9/10"
c = code(lambda: s3.get_object(Bucket="boto-bucket", Key="a/b.txt", Range="bytes=10-"))
assert c[:2] == ("InvalidRange", 416), c
check("put/get/range")

assert code(lambda: s3.get_object(Bucket="boto-bucket", Key="a/b.txt", IfNoneMatch=put["ETag"]))[1] == 304
assert code(lambda: s3.get_object(Bucket="boto-bucket", Key="a/b.txt", IfMatch='"nope"'))[:2] == ("PreconditionFailed", 412)
future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
past = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
assert code(lambda: s3.get_object(Bucket="boto-bucket", Key="a/b.txt", IfModifiedSince=future))[1] == 304
assert code(lambda: s3.get_object(Bucket="boto-bucket", Key="a/b.txt", IfUnmodifiedSince=past))[:2] == ("PreconditionFailed", 412)
assert s3.get_object(Bucket="boto-bucket", Key="a/b.txt", IfMatch=put["ETag"], IfModifiedSince=past)["ContentLength"] == 10
check("conditional requests")

e = code(lambda: s3.get_object(Bucket="boto-bucket", Key="missing"))
assert e[0] == "NoSuchKey" and e[2].get("Key") == "missing", e
assert code(lambda: s3.head_object(Bucket="boto-bucket", Key="missing"))[1] == 404
assert code(lambda: s3.get_object(Bucket="no-such-bucket-x", Key="k"))[0] == "NoSuchBucket"
check("errors")

for k in ["x/1", "x/2", "y/1", "z", "a/c.txt"]:
    s3.put_object(Bucket="boto-bucket", Key=k, Body=k.encode())
page = s3.list_objects_v2(Bucket="boto-bucket", Delimiter="/")
assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["a/", "x/", "y/"] and [o["Key"] for o in page["Contents"]] == ["z"], page
seen = []
token = None
while True:
    kw = {"Bucket": "boto-bucket", "MaxKeys": 2, "Delimiter": "/"}
    if token:
        kw["ContinuationToken"] = token
    p = s3.list_objects_v2(**kw)
    seen += [x["Prefix"] for x in p.get("CommonPrefixes", [])] + [x["Key"] for x in p.get("Contents", [])]
    if not p["IsTruncated"]:
        break
    token = p["NextContinuationToken"]
assert sorted(seen) == ["a/", "x/", "y/", "z"], seen
p = s3.list_objects_v2(Bucket="boto-bucket", Prefix="x/", StartAfter="x/1", FetchOwner=True)
assert [o["Key"] for o in p["Contents"]] == ["x/2"] and "ID" in p["Contents"][0]["Owner"], p
v1 = s3.list_objects(Bucket="boto-bucket", Prefix="a/")
assert [o["Key"] for o in v1["Contents"]] == ["a/b.txt", "a/c.txt"]
pg = s3.get_paginator("list_objects_v2")
assert sum(len(pp.get("Contents", [])) for pp in pg.paginate(Bucket="boto-bucket", PaginationConfig={"PageSize": 2})) == 6
check("listings")

cp = s3.copy_object(Bucket="boto-bucket", Key="copy.txt", CopySource={"Bucket": "boto-bucket", "Key": "a/b.txt"})
assert cp["CopyObjectResult"]["ETag"] == put["ETag"]
assert s3.head_object(Bucket="boto-bucket", Key="copy.txt")["Metadata"] == {"color": "blue"}
d = s3.delete_objects(Bucket="boto-bucket", Delete={"Objects": [{"Key": "x/1"}, {"Key": "x/2"}, {"Key": "never"}]})
assert sorted(x["Key"] for x in d["Deleted"]) == ["never", "x/1", "x/2"]
check("copy/delete-objects")

s3.put_object_tagging(Bucket="boto-bucket", Key="z", Tagging={"TagSet": [{"Key": "t", "Value": "1"}]})
assert s3.get_object_tagging(Bucket="boto-bucket", Key="z")["TagSet"] == [{"Key": "t", "Value": "1"}]
s3.put_bucket_tagging(Bucket="boto-bucket", Tagging={"TagSet": [{"Key": "env", "Value": "dev"}]})
assert s3.get_bucket_tagging(Bucket="boto-bucket")["TagSet"] == [{"Key": "env", "Value": "dev"}]
assert s3.get_bucket_acl(Bucket="boto-bucket")["Grants"][0]["Permission"] == "FULL_CONTROL"
check("tagging/acl")

enc = s3.get_bucket_encryption(Bucket="boto-bucket")["ServerSideEncryptionConfiguration"]
assert enc["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256", enc
assert code(lambda: s3.get_bucket_cors(Bucket="boto-bucket"))[:2] == ("NoSuchCORSConfiguration", 404)
rules = [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"], "MaxAgeSeconds": 60}]
s3.put_bucket_cors(Bucket="boto-bucket", CORSConfiguration={"CORSRules": rules})
assert s3.get_bucket_cors(Bucket="boto-bucket")["CORSRules"] == rules
assert code(lambda: s3.get_bucket_lifecycle_configuration(Bucket="boto-bucket"))[0] == "NoSuchLifecycleConfiguration"
assert s3.get_bucket_ownership_controls(Bucket="boto-bucket")["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
assert code(lambda: s3.get_object_lock_configuration(Bucket="boto-bucket"))[0] == "ObjectLockConfigurationNotFoundError"
assert s3.get_bucket_request_payment(Bucket="boto-bucket")["Payer"] == "BucketOwner"
check("bucket configuration documents")

url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto-bucket", "Key": "a/b.txt"}, ExpiresIn=300)
assert urllib.request.urlopen(url).read() == b"0123456789"
legacy = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=Config(signature_version="s3", s3={"addressing_style": "path"}))
url2 = legacy.generate_presigned_url("get_object", Params={"Bucket": "boto-bucket", "Key": "a/b.txt"}, ExpiresIn=300)
assert "AWSAccessKeyId=" in url2 and "Signature=" in url2, url2
assert urllib.request.urlopen(url2).read() == b"0123456789"
try:
    urllib.request.urlopen(url2.replace("Signature=", "Signature=AA"))
    raise AssertionError("a tampered V2 signature must be refused")
except urllib.error.HTTPError as e:
    assert e.code == 403 and b"SignatureDoesNotMatch" in e.read()
check("presigned url")

up = s3.create_multipart_upload(Bucket="boto-bucket", Key="mp", ContentType="application/x-mp")
small = s3.upload_part(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"], PartNumber=1, Body=b"a" * 100)
last = s3.upload_part(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"], PartNumber=2, Body=b"b" * 100)
parts = [{"ETag": small["ETag"], "PartNumber": 1}, {"ETag": last["ETag"], "PartNumber": 2}]
assert [p["PartNumber"] for p in s3.list_parts(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"])["Parts"]] == [1, 2]
assert [u["Key"] for u in s3.list_multipart_uploads(Bucket="boto-bucket")["Uploads"]] == ["mp"]
e = code(lambda: s3.complete_multipart_upload(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"], MultipartUpload={"Parts": parts}))
assert e[:2] == ("EntityTooSmall", 400), e
e = code(lambda: s3.complete_multipart_upload(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"],
                                               MultipartUpload={"Parts": [{"ETag": '"00"', "PartNumber": 1}]}))
assert e[0] == "InvalidPart", e
big = s3.upload_part(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"], PartNumber=1, Body=b"a" * (5 * 1024 * 1024))
done = s3.complete_multipart_upload(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"],
                                    MultipartUpload={"Parts": [{"ETag": big["ETag"], "PartNumber": 1}, {"ETag": last["ETag"], "PartNumber": 2}]})
assert done["ETag"].endswith('-2"'), done
h = s3.head_object(Bucket="boto-bucket", Key="mp")
assert h["ContentLength"] == 5 * 1024 * 1024 + 100 and h["ContentType"] == "application/x-mp"
assert code(lambda: s3.abort_multipart_upload(Bucket="boto-bucket", Key="mp", UploadId=up["UploadId"]))[0] == "NoSuchUpload"
up2 = s3.create_multipart_upload(Bucket="boto-bucket", Key="gone")
s3.abort_multipart_upload(Bucket="boto-bucket", Key="gone", UploadId=up2["UploadId"])
assert s3.list_multipart_uploads(Bucket="boto-bucket").get("Uploads", []) == []
check("multipart")

# An IAM user's S3 permissions: IAM action names, bucket and object ARNs, the s3:prefix condition key.
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1")
iam.create_user(UserName="reader")
iam.put_user_policy(UserName="reader", PolicyName="p", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::boto-bucket", "Condition": {"StringLike": {"s3:prefix": "a/*"}}},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::boto-bucket/a/*"}]}))
key = iam.create_access_key(UserName="reader")["AccessKey"]
reader = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"],
                      aws_secret_access_key=key["SecretAccessKey"], config=Config(s3={"addressing_style": "path"}))
assert [o["Key"] for o in reader.list_objects_v2(Bucket="boto-bucket", Prefix="a/")["Contents"]] == ["a/b.txt", "a/c.txt"]
assert reader.get_object(Bucket="boto-bucket", Key="a/b.txt")["Body"].read() == b"0123456789"
for call in (lambda: reader.list_objects_v2(Bucket="boto-bucket"), lambda: reader.get_object(Bucket="boto-bucket", Key="z"),
             lambda: reader.put_object(Bucket="boto-bucket", Key="a/new", Body=b""), lambda: reader.list_buckets()):
    e = code(call)
    assert e[:2] == ("AccessDenied", 403) and e[2]["Message"] == "Access Denied", e
check("iam user permissions")

s3.create_bucket(Bucket="boto-versions")
s3.put_bucket_versioning(Bucket="boto-versions", VersioningConfiguration={"Status": "Enabled"})
made = [s3.put_object(Bucket="boto-versions", Key=k, Body=b"v")["VersionId"] for k in ["a", "a", "a", "b", "b"]]
listed = []
kw = {"Bucket": "boto-versions", "MaxKeys": 2}
while True:
    p = s3.list_object_versions(**kw)
    listed += [(v["Key"], v["VersionId"]) for v in p.get("Versions", [])]
    if not p["IsTruncated"]:
        break
    kw.update(KeyMarker=p["NextKeyMarker"], VersionIdMarker=p["NextVersionIdMarker"])
assert listed == [("a", made[2]), ("a", made[1]), ("a", made[0]), ("b", made[4]), ("b", made[3])], listed
check("list object versions paging")

# Website endpoint: index and error documents, S3's own 404 page, 403 without a public policy.
s3.create_bucket(Bucket="site")
s3.put_object(Bucket="site", Key="index.html", Body=b"<h1>home</h1>", ContentType="text/html")
s3.put_object(Bucket="site", Key="docs/index.html", Body=b"<h1>docs</h1>", ContentType="text/html")
s3.put_object(Bucket="site", Key="error.html", Body=b"<h1>oops</h1>", ContentType="text/html")
s3.put_bucket_website(Bucket="site", WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"}})
assert s3.get_bucket_website(Bucket="site")["IndexDocument"] == {"Suffix": "index.html"}
host = urllib.parse.urlparse(endpoint)


def web(path, endpoint_host="site.s3-website-us-east-1.amazonaws.com"):
    conn = http.client.HTTPConnection(host.hostname, host.port)
    conn.request("GET", path, headers={"Host": endpoint_host})
    r = conn.getresponse()
    out = (r.status, r.read(), dict(r.getheaders()))
    conn.close()
    return out


assert web("/")[0] == 403
s3.put_bucket_policy(Bucket="site", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}))
assert web("/")[:2] == (200, b"<h1>home</h1>")
assert web("/docs/")[:2] == (200, b"<h1>docs</h1>")
# The website endpoint under the server's own name, as a browser reaches it: BUCKET.s3-website.localhost:PORT.
assert web("/docs/", f"site.s3-website.localhost:{host.port}")[:2] == (200, b"<h1>docs</h1>")
r = web("/docs")
assert r[0] == 302 and r[2]["Location"] == "/docs/", r
assert web("/nothing.html")[:2] == (404, b"<h1>oops</h1>")
s3.delete_object(Bucket="site", Key="error.html")
r = web("/nothing.html")
assert r[0] == 404 and b"<li>Code: NoSuchKey</li>" in r[1] and b"<li>Key: nothing.html</li>" in r[1], r
s3.delete_bucket_website(Bucket="site")
assert code(lambda: s3.get_bucket_website(Bucket="site"))[0] == "NoSuchWebsiteConfiguration"
r = web("/")
assert r[0] == 404 and b"NoSuchWebsiteConfiguration" in r[1]
check("website")
print("ALL OK")
