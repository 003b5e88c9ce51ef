"""Malformed S3 requests, signed with botocore's SigV4, sent raw: every answer is an S3 4xx error document.
Usage: malformed-s3.py ENDPOINT (keys in the environment). Prints one line per request: STATUS CODE."""
import os
import re
import sys

import botocore.session
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
import urllib3

endpoint = sys.argv[1]
creds = botocore.session.get_session().get_credentials()
http = urllib3.PoolManager()


def send(method, path, body=b"", headers=None):
    req = AWSRequest(method=method, url=endpoint + path, data=body, headers=headers or {})
    req.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
    S3SigV4Auth(creds, "s3", "us-east-1").add_auth(req)
    r = http.request(method, req.url, body=body, headers=dict(req.headers.items()))
    m = re.search(rb"<Code>([^<]+)</Code>", r.data)
    print(r.status, m.group(1).decode() if m else "-", method, path, flush=True)
    return r.status


send("PUT", "/mal-bucket")
send("PUT", "/mal-bucket/k", b"x")
cases = [
    ("PUT", "/mal-bucket", b"<CreateBucketConfiguration><LocationConstraint>", {}),
    ("PUT", "/mal-bucket?policy", b"not json", {}),
    ("PUT", "/mal-bucket?policy", b"", {}),
    ("PUT", "/mal-bucket?versioning", b"<VersioningConfiguration><Status>Maybe</Status></VersioningConfiguration>", {}),
    ("PUT", "/mal-bucket?versioning", b"<<<", {}),
    ("PUT", "/mal-bucket?tagging", b"<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag></TagSet></Tagging>", {}),
    ("PUT", "/mal-bucket?website", b"<WebsiteConfiguration></WebsiteConfiguration>", {}),
    ("POST", "/mal-bucket?delete", b"<Delete><Object>", {}),
    ("GET", "/mal-bucket?list-type=2&max-keys=abc", b"", {}),
    ("GET", "/mal-bucket?list-type=2&max-keys=-1", b"", {}),
    ("GET", "/mal-bucket?list-type=2&continuation-token=garbage", b"", {}),
    ("GET", "/mal-bucket/k", b"", {"If-Modified-Since": "not a date"}),
    ("GET", "/mal-bucket/k?versionId=nope", b"", {}),
    ("PUT", "/mal-bucket/k2", b"x", {"Content-MD5": "AAAAAAAAAAAAAAAAAAAAAA=="}),
    ("PUT", "/mal-bucket/k3", b"", {"x-amz-copy-source": "nobucketkey"}),
    ("PUT", "/mal-bucket/k3", b"", {"x-amz-copy-source": "/mal-bucket/%E0%A4%A"}),
    ("PUT", "/mal-bucket/k3", b"", {"x-amz-copy-source": "/mal-bucket/missing"}),
    ("PUT", "/mal-bucket/k?partNumber=1&uploadId=nope", b"x", {}),
    ("POST", "/mal-bucket/k?uploadId=nope", b"<CompleteMultipartUpload></CompleteMultipartUpload>", {}),
    ("DELETE", "/mal-bucket/k?uploadId=nope", b"", {}),
    ("GET", "/mal-bucket/k?uploadId=nope", b"", {}),
    ("PUT", "/Bad..Name", b"", {}),
    ("PUT", "/ab", b"", {}),
    ("DELETE", "/no-such-bucket-zz", b"", {}),
    ("GET", "/no-such-bucket-zz?policy", b"", {}),
    ("GET", "/mal-bucket?policy", b"", {}),
    ("GET", "/mal-bucket?website", b"", {}),
    ("GET", "/mal-bucket?tagging", b"", {}),
    ("GET", "/mal-bucket?publicAccessBlock", b"", {}),
    ("PATCH", "/mal-bucket/k", b"", {}),
    ("PUT", "/mal-bucket?cors", b"<CORSConfiguration></CORSConfiguration>", {}),
    ("PUT", "/mal-bucket?cors", b"<CORSConfiguration><CORSRule><AllowedMethod>PATCH</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>", {}),
    ("PUT", "/mal-bucket?lifecycle", b"<LifecycleConfiguration><Rule><ID>r</ID><Filter/></Rule></LifecycleConfiguration>", {}),
    ("PUT", "/mal-bucket?lifecycle", b"<LifecycleConfiguration><Rule><ID>r</ID><Filter/><Status>Enabled</Status></Rule></LifecycleConfiguration>", {}),
    ("PUT", "/mal-bucket?tagging", b"<Tagging>" + b"<a>" * 100000 + b"</a>" * 100000 + b"</Tagging>", {}),
    ("PUT", "/mal-bucket/" + "k" * 1025, b"x", {}),
    ("PUT", "/mal-bucket/meta", b"x", {"x-amz-meta-big": "v" * 2048}),
    ("PUT", "/mal-bucket/tags", b"x", {"x-amz-tagging": "&".join(f"k{i}=v" for i in range(11))}),
    ("PUT", "/mal-bucket/k?tagging", b"<Tagging><TagSet>" + b"".join(b"<Tag><Key>k%d</Key><Value>v</Value></Tag>" % i for i in range(11)) + b"</TagSet></Tagging>", {}),
]
bad = 0
for method, path, body, headers in cases:
    status = send(method, path, body, headers)
    if not (400 <= status < 500):
        bad += 1
print("BAD", bad)
