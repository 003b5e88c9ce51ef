# Policy evaluation as seen through the server: conditions on the request context the server supplies
# (aws:SourceIp, aws:SecureTransport, aws:UserAgent), explicit deny, policy variables. Prints JSON results.
import json
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["TFSIM_ENDPOINT"]


def client(service, creds=None, agent=None):
    kw = {"endpoint_url": ENDPOINT, "region_name": "us-east-1"}
    if creds:
        kw.update(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"])
    if agent:
        kw["config"] = Config(user_agent_extra=agent)
    return boto3.client(service, **kw)


def attempt(fn):
    try:
        fn()
        return {"ok": True}
    except ClientError as e:
        return {"error": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}


iam = client("iam")
account = client("sts").get_caller_identity()["Account"]
iam.create_user(UserName="alice")
iam.create_user(UserName="bob")
key = iam.create_access_key(UserName="alice")["AccessKey"]
statements = [
    {"Sid": "ListAll", "Effect": "Allow", "Action": "iam:List*", "Resource": "*"},
    {"Sid": "NoRoles", "Effect": "Deny", "Action": "iam:ListRoles", "Resource": "*"},
    {"Sid": "FromLoopback", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.1/32"}}},
    {"Sid": "FromTenNet", "Effect": "Allow", "Action": "iam:GetRole", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
    {"Sid": "TlsOnly", "Effect": "Deny", "Action": "iam:ListPolicies", "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    {"Sid": "OwnKeysOnly", "Effect": "Allow", "Action": "iam:CreateAccessKey",
     "Resource": "arn:aws:iam::%s:user/${aws:username}" % account},
    {"Sid": "OnlyFromTool", "Effect": "Allow", "Action": "iam:GetPolicy", "Resource": "*",
     "Condition": {"StringLike": {"aws:UserAgent": "*tfsim-e2e-tool*"}}},
]
iam.put_user_policy(UserName="alice", PolicyName="mixed",
                    PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
alice = {"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}
a_iam = client("iam", alice)
out = {
    "account": account,
    "list_users": attempt(lambda: a_iam.list_users()),
    "list_roles": attempt(lambda: a_iam.list_roles()),
    "get_user_from_loopback": attempt(lambda: a_iam.get_user(UserName="bob")),
    "get_role_from_ten_net": attempt(lambda: a_iam.get_role(RoleName="any")),
    "list_policies_over_http": attempt(lambda: a_iam.list_policies(Scope="Local")),
    "own_key": attempt(lambda: a_iam.create_access_key(UserName="alice")),
    "bobs_key": attempt(lambda: a_iam.create_access_key(UserName="bob")),
    "policy_plain_agent": attempt(lambda: a_iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")),
    "policy_tool_agent": attempt(lambda: client("iam", alice, agent="tfsim-e2e-tool/1.0").get_policy(PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")),
}
print(json.dumps(out))
