"""IMDS through tfsim cloud serve: a role with S3 read on one bucket, an instance profile, an instance; then the
instance's metadata (IMDSv2 and v1) and its role credentials used with boto3. Usage: imds-flow.py ENDPOINT."""
import json
import sys
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
cfg = Config(s3={"addressing_style": "path"})
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1")
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=cfg)
account = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1").get_caller_identity()["Account"]

s3.create_bucket(Bucket="allowed-bucket")
s3.create_bucket(Bucket="other-bucket")
s3.put_object(Bucket="allowed-bucket", Key="k", Body=b"yes")
s3.put_object(Bucket="other-bucket", Key="k", Body=b"no")
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
iam.create_role(RoleName="app", AssumeRolePolicyDocument=json.dumps(trust))
iam.put_role_policy(RoleName="app", PolicyName="read", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::allowed-bucket/*"}]}))
prof = iam.create_instance_profile(InstanceProfileName="app-profile")["InstanceProfile"]
iam.add_role_to_instance_profile(InstanceProfileName="app-profile", RoleName="app")
image = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])["Images"][0]
inst = ec2.run_instances(ImageId=image["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                         IamInstanceProfile={"Name": "app-profile"})["Instances"][0]
iid = inst["InstanceId"]


def get(path, headers=None, method="GET"):
    req = urllib.request.Request(endpoint + path, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


base = f"/instance/{iid}/latest"
status, token = get(base + "/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60"}, "PUT")
assert status == 200 and token, (status, token)
v2 = {"X-aws-ec2-metadata-token": token}
assert get(base + "/meta-data/instance-id", v2) == (200, iid)
assert get(base + "/meta-data/ami-id", v2) == (200, image["ImageId"])
assert get(base + "/meta-data/instance-type", v2) == (200, "t3.micro")
assert get(base + "/meta-data/placement/availability-zone", v2) == (200, inst["Placement"]["AvailabilityZone"])
assert get(base + "/meta-data/placement/region", v2) == (200, "us-east-1")
assert get(base + "/meta-data/local-ipv4", v2) == (200, inst["PrivateIpAddress"])
assert get(base + "/meta-data/instance-id", {"X-aws-ec2-metadata-token": "bogus"})[0] == 401
assert get(base + "/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "0"}, "PUT")[0] == 400
# An AL2023 AMI (ImdsSupport v2.0) launches requiring tokens: IMDSv1 is refused until the options allow it.
opts = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["MetadataOptions"]
assert opts == {"State": "applied", "HttpTokens": "required", "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled",
                "HttpProtocolIpv6": "disabled", "InstanceMetadataTags": "disabled"}, opts
assert get("/latest/meta-data/instance-id", {"X-Tfsim-Instance-Id": iid})[0] == 401
changed = ec2.modify_instance_metadata_options(InstanceId=iid, HttpTokens="optional", HttpPutResponseHopLimit=3)
assert changed["InstanceMetadataOptions"]["State"] == "pending" and changed["InstanceMetadataOptions"]["HttpTokens"] == "optional", changed
opts = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["MetadataOptions"]
assert (opts["HttpTokens"], opts["HttpPutResponseHopLimit"], opts["State"]) == ("optional", 3, "applied"), opts
# The header form and IMDSv1 (no token) for an instance that does not require tokens.
assert get("/latest/meta-data/instance-id", {"X-Tfsim-Instance-Id": iid}) == (200, iid)
# HttpEndpoint=disabled: every request is refused, token or not, until it is enabled again.
ec2.modify_instance_metadata_options(InstanceId=iid, HttpEndpoint="disabled")
assert get(base + "/meta-data/instance-id", v2)[0] == 403
assert get(base + "/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60"}, "PUT")[0] == 403
ec2.modify_instance_metadata_options(InstanceId=iid, HttpEndpoint="enabled")
assert get(base + "/meta-data/instance-id", v2) == (200, iid)
for bad in ({"HttpTokens": "sometimes"}, {"HttpPutResponseHopLimit": 65}, {"HttpEndpoint": "off"}):
    try:
        ec2.modify_instance_metadata_options(InstanceId=iid, **bad)
        raise AssertionError(f"accepted {bad}")
    except ec2.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == "InvalidParameterValue", e.response
# RunInstances MetadataOptions, stored and returned; an AMI without ImdsSupport defaults to IMDSv1 allowed.
v1 = ec2.run_instances(ImageId=image["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                       MetadataOptions={"HttpTokens": "optional", "HttpPutResponseHopLimit": 1})["Instances"][0]
assert (v1["MetadataOptions"]["HttpTokens"], v1["MetadataOptions"]["HttpPutResponseHopLimit"]) == ("optional", 1), v1["MetadataOptions"]
assert get(f"/instance/{v1['InstanceId']}/latest/meta-data/instance-id") == (200, v1["InstanceId"])
legacy = [i for i in ec2.describe_images(Owners=["amazon"])["Images"] if "ImdsSupport" not in i and i["Architecture"] == "x86_64"]
if legacy:
    old = ec2.run_instances(ImageId=legacy[0]["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]
    assert old["MetadataOptions"]["HttpTokens"] == "optional", old["MetadataOptions"]
assert get(f"/instance/i-0000000000000000a/latest/meta-data/instance-id")[0] == 404
# What cloud-init and agents read: user data (decoded), the key pair's public key, group names, the MAC.
key = ec2.create_key_pair(KeyName="ops")
sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
rich = ec2.run_instances(ImageId=image["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1, KeyName="ops",
                         SecurityGroupIds=[sg], UserData="#cloud-config\nruncmd: [echo hi]\n",
                         MetadataOptions={"HttpTokens": "optional"})["Instances"][0]
rb = f"/instance/{rich['InstanceId']}/latest"
assert get(rb + "/user-data") == (200, "#cloud-config\nruncmd: [echo hi]\n")
assert get(rb + "/")[1].split("\n") == ["dynamic", "meta-data", "user-data"]
assert get(base + "/user-data", v2)[0] == 404
assert get(rb + "/meta-data/public-keys/") == (200, "0=ops")
assert get(rb + "/meta-data/public-keys/0/") == (200, "openssh-key")
pub = ec2.describe_key_pairs(KeyNames=["ops"], IncludePublicKey=True)["KeyPairs"][0]["PublicKey"]
assert get(rb + "/meta-data/public-keys/0/openssh-key") == (200, pub) and pub.startswith("ssh-rsa "), pub
assert get(rb + "/meta-data/security-groups") == (200, "web")
assert get(rb + "/meta-data/mac") == (200, rich["NetworkInterfaces"][0]["MacAddress"])
assert get(rb + "/meta-data/services/domain") == (200, "amazonaws.com")
assert get(rb + "/meta-data/placement/") == (200, "availability-zone\nregion")
listing = get(rb + "/meta-data/")[1].split("\n")
assert {"mac", "public-keys/", "security-groups", "services/", "placement/", "instance-id"} <= set(listing), listing
info = json.loads(get(base + "/meta-data/iam/info", v2)[1])
assert info["InstanceProfileArn"] == prof["Arn"] and info["Code"] == "Success", info
assert get(base + "/meta-data/iam/security-credentials/", v2) == (200, "app")
assert get(base + "/meta-data/iam/security-credentials/other", v2)[0] == 404
creds = json.loads(get(base + "/meta-data/iam/security-credentials/app", v2)[1])
assert set(creds) == {"Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token", "Expiration"}, creds
assert creds["Type"] == "AWS-HMAC" and creds["AccessKeyId"].startswith("ASIA")
again = json.loads(get(base + "/meta-data/iam/security-credentials/app", v2)[1])
assert again["AccessKeyId"] == creds["AccessKeyId"]

session = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                        aws_session_token=creds["Token"], region_name="us-east-1")
me = session.client("sts", endpoint_url=endpoint).get_caller_identity()
assert me["Arn"] == f"arn:aws:sts::{account}:assumed-role/app/{iid}", me
rs3 = session.client("s3", endpoint_url=endpoint, config=cfg)
assert rs3.get_object(Bucket="allowed-bucket", Key="k")["Body"].read() == b"yes"
for call in (lambda: rs3.get_object(Bucket="other-bucket", Key="k"), lambda: rs3.put_object(Bucket="allowed-bucket", Key="x", Body=b"")):
    try:
        call()
        raise AssertionError("expected AccessDenied")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "AccessDenied", e.response
print("ALL OK")
