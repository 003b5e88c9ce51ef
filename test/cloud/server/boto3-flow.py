# A boto3 user's session against `tfsim cloud serve`: roles, AssumeRole, calls with the temporary credentials,
# presigned URLs (signed for GET, as aws-iam-authenticator does). Endpoint and root keys come from the environment; prints one JSON object of what happened.
import json
import os
import time
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["TFSIM_ENDPOINT"]
out = {}


def client(service, creds=None):
    kw = {"endpoint_url": ENDPOINT, "region_name": "us-east-1"}
    if creds:
        kw.update(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                  aws_session_token=creds.get("SessionToken"))
    return boto3.client(service, **kw)


def attempt(fn):
    try:
        r = fn()
        r.pop("ResponseMetadata", None)
        return {"ok": r}
    except ClientError as e:
        return {"error": e.response["Error"].get("Code"), "message": e.response["Error"].get("Message"),
                "status": e.response["ResponseMetadata"].get("HTTPStatusCode")}


def fetch(url):
    try:
        with urllib.request.urlopen(url) as r:
            return {"status": r.status, "body": r.read().decode()}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": e.read().decode()}


iam, sts = client("iam"), client("sts")
account = sts.get_caller_identity()["Account"]
out["account"] = account
role_arn = f"arn:aws:iam::{account}:role/reader"

iam.create_user(UserName="ops")
ops_key = iam.create_access_key(UserName="ops")["AccessKey"]
iam.put_user_policy(UserName="ops", PolicyName="assume-reader", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn}]}))
trust = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:user/ops"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="reader", AssumeRolePolicyDocument=json.dumps(trust), MaxSessionDuration=7200,
                       Tags=[{"Key": "purpose", "Value": "e2e"}])["Role"]
out["role"] = {"Arn": role["Arn"], "RoleId": role["RoleId"], "MaxSessionDuration": role["MaxSessionDuration"],
               "CreateDateType": type(role["CreateDate"]).__name__}
iam.attach_role_policy(RoleName="reader", PolicyArn="arn:aws:iam::aws:policy/IAMReadOnlyAccess")

ops = {"AccessKeyId": ops_key["AccessKeyId"], "SecretAccessKey": ops_key["SecretAccessKey"]}
out["ops_identity"] = attempt(lambda: client("sts", ops).get_caller_identity())
out["ops_assume_other"] = attempt(lambda: client("sts", ops).assume_role(
    RoleArn=f"arn:aws:iam::{account}:role/missing", RoleSessionName="s0"))
assumed = attempt(lambda: client("sts", ops).assume_role(RoleArn=role_arn, RoleSessionName="s1", DurationSeconds=900))
out["assume"] = {"error": assumed.get("error"), "message": assumed.get("message")} if "error" in assumed else {
    "AssumedRoleUser": assumed["ok"]["AssumedRoleUser"],
    "AccessKeyIdPrefix": assumed["ok"]["Credentials"]["AccessKeyId"][:4],
    "ExpirationType": type(assumed["ok"]["Credentials"]["Expiration"]).__name__,
}
if "ok" in assumed:
    creds = assumed["ok"]["Credentials"]
    session = {"AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
               "SessionToken": creds["SessionToken"]}
    out["session_keys"] = session
    out["session_identity"] = attempt(lambda: client("sts", session).get_caller_identity())
    out["session_list_roles"] = attempt(lambda: {"names": [r["RoleName"] for r in client("iam", session).list_roles()["Roles"]]})
    out["session_create_user"] = attempt(lambda: client("iam", session).create_user(UserName="x"))
    out["session_bad_token"] = attempt(lambda: client("sts", dict(session, SessionToken=session["SessionToken"][:-4] + "AAAA")).get_caller_identity())
    out["presigned_session"] = fetch(client("sts", session).generate_presigned_url("get_caller_identity", ExpiresIn=60, HttpMethod="GET"))

out["presigned_root"] = fetch(sts.generate_presigned_url("get_caller_identity", ExpiresIn=60, HttpMethod="GET"))
expiring = sts.generate_presigned_url("get_caller_identity", ExpiresIn=1, HttpMethod="GET")
time.sleep(2.1)
out["presigned_expired"] = fetch(expiring)
print(json.dumps(out))
