"""S3 copies, conditional writes, virtual-hosted-style addressing, delete markers and website routing rules,
through tfsim cloud serve with boto3.
Usage: boto3-s3-copies.py ENDPOINT (keys in the environment). Prints one line per check, then ALL OK."""
import datetime
import http.client
import json
import socket
import sys
import urllib.parse

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from s3checks import check, code

endpoint = sys.argv[1]
port = urllib.parse.urlparse(endpoint).port
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))


# Virtual-hosted style: botocore puts the bucket in the Host ("BUCKET.localhost:PORT") and signs it; the machine's
# resolver does not know *.localhost, so those names are resolved to 127.0.0.1 here, as a DNS wildcard would.
_resolve = socket.getaddrinfo
socket.getaddrinfo = lambda host, *a, **k: _resolve("127.0.0.1" if isinstance(host, str) and host.endswith(".localhost") else host, *a, **k)
vh = boto3.client("s3", endpoint_url=f"http://localhost:{port}", region_name="us-east-1", config=Config(s3={"addressing_style": "virtual"}))
vh.create_bucket(Bucket="vhost-bucket")
vh.put_object(Bucket="vhost-bucket", Key="dir/a.txt", Body=b"virtual", Metadata={"k": "v"})
assert vh.get_object(Bucket="vhost-bucket", Key="dir/a.txt")["Body"].read() == b"virtual"
assert [o["Key"] for o in vh.list_objects_v2(Bucket="vhost-bucket")["Contents"]] == ["dir/a.txt"]
assert vh.head_object(Bucket="vhost-bucket", Key="dir/a.txt")["Metadata"] == {"k": "v"}
# The same bucket seen path-style: one namespace whichever way it is addressed.
assert s3.get_object(Bucket="vhost-bucket", Key="dir/a.txt")["Body"].read() == b"virtual"
assert code(lambda: vh.get_object(Bucket="vhost-bucket", Key="nope"))[:2] == ("NoSuchKey", 404)
vh.delete_object(Bucket="vhost-bucket", Key="dir/a.txt")
vh.delete_bucket(Bucket="vhost-bucket")
assert code(lambda: s3.head_bucket(Bucket="vhost-bucket"))[1] == 404
check("virtual-hosted style")

s3.create_bucket(Bucket="copies")
src = s3.put_object(Bucket="copies", Key="src", Body=b"source bytes", ContentType="text/plain", Metadata={"color": "blue"})
etag = src["ETag"]
past = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
source = {"Bucket": "copies", "Key": "src"}
for cond in ({"CopySourceIfMatch": '"0000"'}, {"CopySourceIfNoneMatch": etag}, {"CopySourceIfModifiedSince": future}, {"CopySourceIfUnmodifiedSince": past}):
    e = code(lambda: s3.copy_object(Bucket="copies", Key="dst", CopySource=source, **cond))
    assert e[:2] == ("PreconditionFailed", 412), (cond, e)
assert code(lambda: s3.head_object(Bucket="copies", Key="dst"))[1] == 404
# If-Match true wins over a false If-Unmodified-Since, as S3 documents.
s3.copy_object(Bucket="copies", Key="dst", CopySource=source, CopySourceIfMatch=etag, CopySourceIfUnmodifiedSince=past)
check("copy source preconditions")

h = s3.head_object(Bucket="copies", Key="dst")
assert (h["ContentType"], h["Metadata"], h["ETag"]) == ("text/plain", {"color": "blue"}, etag), h
s3.copy_object(Bucket="copies", Key="dst", CopySource=source, MetadataDirective="REPLACE", Metadata={"shape": "round"}, ContentType="text/x-new")
h = s3.head_object(Bucket="copies", Key="dst")
assert (h["ContentType"], h["Metadata"]) == ("text/x-new", {"shape": "round"}), h
e = code(lambda: s3.copy_object(Bucket="copies", Key="src", CopySource=source))
assert e[:2] == ("InvalidRequest", 400), e
s3.copy_object(Bucket="copies", Key="src", CopySource=source, MetadataDirective="REPLACE", Metadata={"color": "red"})
h = s3.head_object(Bucket="copies", Key="src")
assert (h["Metadata"], h["ContentType"]) == ({"color": "red"}, "binary/octet-stream"), h
check("metadata directive")

assert code(lambda: s3.put_object(Bucket="copies", Key="src", Body=b"x", IfNoneMatch="*"))[:2] == ("PreconditionFailed", 412)
s3.put_object(Bucket="copies", Key="fresh", Body=b"first", IfNoneMatch="*")
assert code(lambda: s3.put_object(Bucket="copies", Key="fresh", Body=b"x", IfMatch='"0000"'))[:2] == ("PreconditionFailed", 412)
assert code(lambda: s3.put_object(Bucket="copies", Key="absent", Body=b"x", IfMatch='"0000"'))[:2] == ("NoSuchKey", 404)
cur = s3.head_object(Bucket="copies", Key="fresh")["ETag"]
s3.put_object(Bucket="copies", Key="fresh", Body=b"second", IfMatch=cur)
assert s3.get_object(Bucket="copies", Key="fresh")["Body"].read() == b"second"
assert code(lambda: s3.copy_object(Bucket="copies", Key="fresh", CopySource=source, IfNoneMatch="*"))[:2] == ("PreconditionFailed", 412)
check("conditional writes")

# Additional checksums: computed over the bytes received, a mismatch refused, the checksum echoed.
for member, wrong in (("ChecksumCRC32", "AAAAAA=="), ("ChecksumSHA1", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="), ("ChecksumSHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")):
    e = code(lambda: s3.put_object(Bucket="copies", Key="summed", Body=b"hello", **{member: wrong}))
    assert e[:2] == ("BadDigest", 400) and e[2]["Message"] == f"The {member[8:]} you specified did not match the calculated checksum.", e
assert s3.put_object(Bucket="copies", Key="summed", Body=b"hello", ChecksumAlgorithm="SHA256")["ChecksumSHA256"] == "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="
assert s3.put_object(Bucket="copies", Key="summed", Body=b"hello")["ChecksumCRC32"] == "NhCmhg=="
check("checksums")

big = bytes(range(256)) * (11 * 1024 * 1024 // 256)
s3.put_object(Bucket="copies", Key="big", Body=big)
up = s3.create_multipart_upload(Bucket="copies", Key="joined", Tagging="team=data")["UploadId"]
first = 5 * 1024 * 1024
p1 = s3.upload_part_copy(Bucket="copies", Key="joined", UploadId=up, PartNumber=1, CopySource={"Bucket": "copies", "Key": "big"}, CopySourceRange=f"bytes=0-{first - 1}")
p2 = s3.upload_part_copy(Bucket="copies", Key="joined", UploadId=up, PartNumber=2, CopySource={"Bucket": "copies", "Key": "big"}, CopySourceRange=f"bytes={first}-{2 * first - 1}")
p3 = s3.upload_part_copy(Bucket="copies", Key="joined", UploadId=up, PartNumber=3, CopySource={"Bucket": "copies", "Key": "fresh"})
assert p1["CopyPartResult"]["ETag"].startswith('"') and "LastModified" in p1["CopyPartResult"], p1
e = code(lambda: s3.upload_part_copy(Bucket="copies", Key="joined", UploadId=up, PartNumber=4, CopySource={"Bucket": "copies", "Key": "fresh"}, CopySourceRange="bytes=0-100"))
assert e[:2] == ("InvalidArgument", 400), e
e = code(lambda: s3.upload_part_copy(Bucket="copies", Key="joined", UploadId=up, PartNumber=4, CopySource={"Bucket": "copies", "Key": "fresh"}, CopySourceIfMatch='"0000"'))
assert e[:2] == ("PreconditionFailed", 412), e
assert code(lambda: s3.upload_part_copy(Bucket="copies", Key="joined", UploadId="nope", PartNumber=1, CopySource=source))[0] == "NoSuchUpload"
parts = [{"ETag": p["CopyPartResult"]["ETag"], "PartNumber": i + 1} for i, p in enumerate([p1, p2, p3])]
assert [p["Size"] for p in s3.list_parts(Bucket="copies", Key="joined", UploadId=up)["Parts"]] == [first, first, 6]
done = s3.complete_multipart_upload(Bucket="copies", Key="joined", UploadId=up, MultipartUpload={"Parts": parts})
assert done["ETag"].endswith('-3"'), done
assert s3.get_object(Bucket="copies", Key="joined")["Body"].read() == big[: 2 * first] + b"second"
assert s3.get_object_tagging(Bucket="copies", Key="joined")["TagSet"] == [{"Key": "team", "Value": "data"}]
up2 = s3.create_multipart_upload(Bucket="copies", Key="joined")["UploadId"]
p = s3.upload_part(Bucket="copies", Key="joined", UploadId=up2, PartNumber=1, Body=b"tiny")
e = code(lambda: s3.complete_multipart_upload(Bucket="copies", Key="joined", UploadId=up2, IfNoneMatch="*", MultipartUpload={"Parts": [{"ETag": p["ETag"], "PartNumber": 1}]}))
assert e[:2] == ("PreconditionFailed", 412), e
check("upload part copy")

# A copy reads its source as s3:GetObject and writes its destination as s3:PutObject: a user who may only write
# cannot copy from a key it may not read, whether by CopyObject or UploadPartCopy.
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1")
iam.create_user(UserName="writer")
iam.put_user_policy(UserName="writer", PolicyName="p", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::copies/out/*"}]}))
k = iam.create_access_key(UserName="writer")["AccessKey"]
writer = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=k["AccessKeyId"],
                      aws_secret_access_key=k["SecretAccessKey"], config=Config(s3={"addressing_style": "path"}))
assert code(lambda: writer.copy_object(Bucket="copies", Key="out/a", CopySource=source))[:2] == ("AccessDenied", 403)
writer.put_object(Bucket="copies", Key="out/a", Body=b"mine")
writer.copy_object(Bucket="copies", Key="out/b", CopySource={"Bucket": "copies", "Key": "out/a"})
up3 = writer.create_multipart_upload(Bucket="copies", Key="out/c")["UploadId"]
assert code(lambda: writer.upload_part_copy(Bucket="copies", Key="out/c", UploadId=up3, PartNumber=1, CopySource=source))[:2] == ("AccessDenied", 403)
assert writer.upload_part_copy(Bucket="copies", Key="out/c", UploadId=up3, PartNumber=1, CopySource={"Bucket": "copies", "Key": "out/a"})["CopyPartResult"]["ETag"]
check("copy authorization")
# A key whose current version is a delete marker: 404 (405 for the marker's own version) with
# x-amz-delete-marker and the marker's x-amz-version-id, as S3 answers GET and HEAD.
s3.create_bucket(Bucket="markers")
s3.put_bucket_versioning(Bucket="markers", VersioningConfiguration={"Status": "Enabled"})
s3.put_object(Bucket="markers", Key="k", Body=b"v")
marker = s3.delete_object(Bucket="markers", Key="k")["VersionId"]


def headers_of(fn):
    try:
        fn()
    except ClientError as e:
        h = e.response["ResponseMetadata"]["HTTPHeaders"]
        return e.response["ResponseMetadata"]["HTTPStatusCode"], h.get("x-amz-delete-marker"), h.get("x-amz-version-id")
    raise AssertionError("expected an error")


assert headers_of(lambda: s3.head_object(Bucket="markers", Key="k")) == (404, "true", marker)
assert headers_of(lambda: s3.get_object(Bucket="markers", Key="k")) == (404, "true", marker)
assert headers_of(lambda: s3.head_object(Bucket="markers", Key="k", VersionId=marker)) == (405, "true", marker)
check("delete marker headers")

# Website routing rules: a prefix rewritten before the read, and a 404 sent elsewhere.
s3.create_bucket(Bucket="routed")
s3.put_bucket_policy(Bucket="routed", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::routed/*"}]}))
s3.put_object(Bucket="routed", Key="documents/a.html", Body=b"<p>a</p>", ContentType="text/html")
s3.put_bucket_website(Bucket="routed", WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": [
    {"Condition": {"KeyPrefixEquals": "docs/"}, "Redirect": {"ReplaceKeyPrefixWith": "documents/"}},
    {"Condition": {"HttpErrorCodeReturnedEquals": "404"}, "Redirect": {"HostName": "example.com", "ReplaceKeyPrefixWith": "missing/", "HttpRedirectCode": "302", "Protocol": "https"}}]})
site = f"routed.s3-website.localhost:{port}"


def web(path):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", path, headers={"Host": site})
    r = conn.getresponse()
    out = (r.status, r.getheader("Location"), r.read())
    conn.close()
    return out


assert web("/docs/a.html")[:2] == (301, f"http://{site}/documents/a.html"), web("/docs/a.html")
assert web("/documents/a.html") == (200, None, b"<p>a</p>")
assert web("/nothing.html")[:2] == (302, "https://example.com/missing/nothing.html"), web("/nothing.html")
check("website routing rules")
# ACLs under Object Ownership: BucketOwnerEnforced (the default) refuses all but the owner's own.
e = code(lambda: s3.put_object(Bucket="copies", Key="acl", Body=b"x", ACL="public-read"))
assert e[:2] == ("AccessControlListNotSupported", 400) and e[2]["Message"] == "The bucket does not allow ACLs", e
s3.put_object(Bucket="copies", Key="acl", Body=b"x", ACL="bucket-owner-full-control")
assert [g["Permission"] for g in s3.get_object_acl(Bucket="copies", Key="acl")["Grants"]] == ["FULL_CONTROL"]
assert code(lambda: s3.put_object_acl(Bucket="copies", Key="acl", ACL="public-read"))[0] == "AccessControlListNotSupported"
assert code(lambda: s3.put_bucket_acl(Bucket="copies", GrantRead='uri="http://acs.amazonaws.com/groups/global/AllUsers"'))[0] == "AccessControlListNotSupported"
assert code(lambda: s3.create_multipart_upload(Bucket="copies", Key="acl-mp", ACL="public-read"))[0] == "AccessControlListNotSupported"
e = code(lambda: s3.create_bucket(Bucket="acl-bucket", ACL="public-read"))
assert e[:2] == ("InvalidBucketAclWithObjectOwnership", 400), e
s3.create_bucket(Bucket="acl-bucket", ACL="public-read", ObjectOwnership="ObjectWriter")
assert s3.get_bucket_ownership_controls(Bucket="acl-bucket")["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "ObjectWriter"}]
s3.put_object(Bucket="acl-bucket", Key="k", Body=b"x", ACL="public-read")
check("acls")
print("ALL OK")
