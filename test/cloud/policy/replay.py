# Replays cases of the evaluation corpus through `tfsim cloud serve` with boto3: for each case, creates the IAM
# user `dev` with the case's policies (AWS managed ARNs attached, customer managed created and attached, inline
# put), calls the case's action as `dev`, reports AccessDenied (with its message) or success, and cleans up.
# Any outcome but AccessDenied means the request got past authorization. Reads cases as JSON on stdin.
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["TFSIM_ENDPOINT"]
ACCOUNT_IN_CASES = "123456789012"


def client(service, creds=None):
    kw = {"endpoint_url": ENDPOINT, "region_name": "us-east-1"}
    if creds:
        kw.update(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"])
    return boto3.client(service, **kw)


root = client("iam")
account = client("sts").get_caller_identity()["Account"]
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def here(text):
    return text.replace(ACCOUNT_IN_CASES, account)


def name_of(arn):
    return arn.rsplit("/", 1)[1]


def call(iam, action, resource):
    """The API call a case's action and resource stand for."""
    kind = resource.split(":")[-1].split("/")[0] if resource != "*" else ""
    name = name_of(resource) if "/" in resource else ""
    if action == "iam:CreateRole":
        return lambda: iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
    if action == "iam:GetUser" and kind == "user":
        return lambda: iam.get_user(UserName=name)
    if action == "iam:DeleteUser" and kind == "user":
        return lambda: iam.delete_user(UserName=name)
    if action == "iam:CreateUser" and kind == "user":
        return lambda: iam.create_user(UserName=name)
    if action == "iam:CreateAccessKey" and kind == "user":
        return lambda: iam.create_access_key(UserName=name)
    if action == "iam:GetUserPolicy" and kind == "user":
        return lambda: iam.get_user_policy(UserName=name, PolicyName="none")
    return None


def cleanup():
    for user in ("dev", "new", "admin", "dev1", "dev12"):
        try:
            for p in root.list_attached_user_policies(UserName=user)["AttachedPolicies"]:
                root.detach_user_policy(UserName=user, PolicyArn=p["PolicyArn"])
            for p in root.list_user_policies(UserName=user)["PolicyNames"]:
                root.delete_user_policy(UserName=user, PolicyName=p)
            for k in root.list_access_keys(UserName=user)["AccessKeyMetadata"]:
                root.delete_access_key(UserName=user, AccessKeyId=k["AccessKeyId"])
            root.delete_user(UserName=user)
        except ClientError:
            pass
    for p in root.list_policies(Scope="Local")["Policies"]:
        root.delete_policy(PolicyArn=p["Arn"])
    for r in root.list_roles()["Roles"]:
        root.delete_role(RoleName=r["RoleName"])


results = []
for case in json.load(sys.stdin):
    cleanup()
    root.create_user(UserName="dev", Tags=[{"Key": "team", "Value": "blue"}])
    for extra in ("admin", "dev1", "dev12"):
        root.create_user(UserName=extra)
    for p in case["identity"]:
        if isinstance(p, str):
            root.attach_user_policy(UserName="dev", PolicyArn=p)
        elif "arn" in p:
            arn = root.create_policy(PolicyName=p["name"], PolicyDocument=here(json.dumps(p["document"])))["Policy"]["Arn"]
            root.attach_user_policy(UserName="dev", PolicyArn=arn)
        else:
            root.put_user_policy(UserName="dev", PolicyName=p["name"], PolicyDocument=here(json.dumps(p["document"])))
    key = root.create_access_key(UserName="dev")["AccessKey"]
    fn = call(client("iam", key), case["action"], here(case["resource"]))
    if fn is None:
        results.append({"skipped": True})
        continue
    try:
        fn()
        results.append({"allowed": True})
    except ClientError as e:
        err = e.response["Error"]
        results.append({"allowed": err["Code"] != "AccessDenied", "code": err["Code"], "message": err["Message"]})
cleanup()
print(json.dumps({"account": account, "results": results}))
