# Signs a fixed set of requests with botocore itself (the reference signer) and prints them as JSON, so the
# verifier is tested against what real clients send. Run by test/cloud/wire/sigv4.test.ts.
import json
import sys

from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AKID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ENDPOINT = "http://127.0.0.1:4566"


def sign(name, auth_cls, service, method, path, data=None, headers=None, token=None, expires=None):
    creds = Credentials(AKID, SECRET, token)
    req = AWSRequest(method=method, url=ENDPOINT + path, data=data, headers=headers or {})
    if expires is not None:
        auth = auth_cls(creds, service, "us-east-1", expires=expires)
    else:
        auth = auth_cls(creds, service, "us-east-1")
    auth.add_auth(req)
    p = req.prepare()
    body = p.body or b""
    if isinstance(body, str):
        body = body.encode()
    hdrs = [[k, v if isinstance(v, str) else v.decode()] for k, v in p.headers.items()]
    if not any(k.lower() == "host" for k, _ in hdrs):
        hdrs.append(["Host", "127.0.0.1:4566"])
    return {"name": name, "service": service, "method": method, "url": p.url, "headers": hdrs,
            "body": body.decode("latin-1"), "secret": SECRET}


form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
cases = [
    sign("iam CreateUser, header form", SigV4Auth, "iam", "POST", "/",
         "Action=CreateUser&Version=2010-05-08&UserName=dev&Tags.member.1.Key=team&Tags.member.1.Value=a%20b", form),
    sign("sts GetCallerIdentity with a session token", SigV4Auth, "sts", "POST", "/",
         "Action=GetCallerIdentity&Version=2011-06-15", form, token="FwoGZXIvYXdzEXAMPLETOKEN+/=="),
    sign("query string with reserved characters and repeats", SigV4Auth, "iam", "GET",
         "/?Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fa%20b%2F&b=2&b=1&a-b=x&a=y&empty="),
    sign("path needing double encoding", SigV4Auth, "execute-api", "GET", "/a%20b/c%2Fd/./e//f/"),
    sign("s3 path signed as sent", S3SigV4Auth, "s3", "PUT", "/bucket/key%20with%20spaces/%E2%82%AC.txt", b"hello",
         {"Content-Type": "text/plain"}),
    sign("s3 unsigned payload", S3SigV4Auth, "s3", "PUT", "/bucket/k", b"body",
         {"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"}),
    sign("sts presigned query form", SigV4QueryAuth, "sts", "GET", "/?Action=GetCallerIdentity&Version=2011-06-15",
         token="FwoGZXIvYXdzEXAMPLETOKEN+/==", expires=900),
    sign("s3 presigned GET", S3SigV4QueryAuth, "s3", "GET", "/bucket/some%20key", expires=3600),
]
json.dump(cases, sys.stdout)
