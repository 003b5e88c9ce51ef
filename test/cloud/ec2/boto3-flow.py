# EC2 through boto3 against `tfsim cloud serve`: the seed's snippet, a launch with key pair and security group,
# a zone-mismatched attach, and the ReadOnly/FullAccess users. Prints one JSON document for the test to check.
import json, os, sys
import boto3
from botocore.exceptions import ClientError

ep = os.environ["TFSIM_ENDPOINT"]
out = {}

def attempt(fn):
    try:
        r = fn()
        r.pop("ResponseMetadata", None)
        return {"ok": r}
    except ClientError as e:
        return {"error": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

# The seed's snippet, endpoint only.
ec2 = boto3.client("ec2", endpoint_url=ep)
out["seed"] = attempt(lambda: ec2.describe_instances())
img = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])["Images"][0]
out["image"] = {"ImageId": img["ImageId"], "CreationDateType": type(img["CreationDate"]).__name__}
kp = ec2.create_key_pair(KeyName="deploy")
out["key"] = {"KeyName": kp["KeyName"], "Pem": kp["KeyMaterial"].startswith("-----BEGIN RSA PRIVATE KEY-----")}
sg = ec2.create_security_group(GroupName="web", Description="web servers")
ec2.authorize_security_group_ingress(GroupId=sg["GroupId"], IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "ssh"}]}])
r = ec2.run_instances(ImageId=img["ImageId"], InstanceType="t3.micro", MinCount=2, MaxCount=2, KeyName="deploy", SecurityGroupIds=[sg["GroupId"]],
                      UserData="#!/bin/sh\necho hi\n", Placement={"AvailabilityZone": "us-east-1a"},
                      TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]}])
ids = [i["InstanceId"] for i in r["Instances"]]
out["run"] = {"count": len(ids), "state": r["Instances"][0]["State"]["Name"], "LaunchTimeType": type(r["Instances"][0]["LaunchTime"]).__name__}
waiter = ec2.get_waiter("instance_running")
waiter.wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
d = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web"]}, {"Name": "instance-state-name", "Values": ["running"]}])
inst = d["Reservations"][0]["Instances"][0]
out["described"] = {"n": sum(len(x["Instances"]) for x in d["Reservations"]), "KeyName": inst["KeyName"], "Groups": [g["GroupName"] for g in inst["SecurityGroups"]], "HasPublicIp": "PublicIpAddress" in inst}
ud = ec2.describe_instance_attribute(InstanceId=ids[0], Attribute="userData")
import base64
out["userData"] = base64.b64decode(ud["UserData"]["Value"]).decode()
vol = ec2.create_volume(AvailabilityZone="us-east-1b", Size=5, VolumeType="gp3")
out["attach_far"] = attempt(lambda: ec2.attach_volume(VolumeId=vol["VolumeId"], InstanceId=ids[0], Device="/dev/sdf"))
pages = list(ec2.get_paginator("describe_instances").paginate(PaginationConfig={"PageSize": 5}))
out["paged"] = sum(len(x["Instances"]) for p in pages for x in p["Reservations"])

# Users with the AWS managed policies.
iam = boto3.client("iam", endpoint_url=ep)
def user_client(name, policy):
    iam.create_user(UserName=name)
    iam.attach_user_policy(UserName=name, PolicyArn=policy)
    k = iam.create_access_key(UserName=name)["AccessKey"]
    return boto3.client("ec2", endpoint_url=ep, aws_access_key_id=k["AccessKeyId"], aws_secret_access_key=k["SecretAccessKey"])
ro = user_client("viewer", "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess")
out["ro_describe"] = attempt(lambda: {"n": len(ro.describe_instances()["Reservations"])})
out["ro_run"] = attempt(lambda: ro.run_instances(ImageId=img["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1))
full = user_client("operator", "arn:aws:iam::aws:policy/AmazonEC2FullAccess")
out["full_run"] = attempt(lambda: {"n": len(full.run_instances(ImageId=img["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"])})
out["ids"] = ids
out["volume"] = vol["VolumeId"]
print(json.dumps(out, default=str))
