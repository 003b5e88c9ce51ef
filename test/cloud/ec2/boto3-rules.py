"""EC2's rules over HTTP: boto3 against tfsim cloud serve, each rule an assert (the in-process suite has them too;
here they cross the wire: Query encoding, EC2's error dialect, the status codes botocore sees).
Usage: boto3-rules.py ENDPOINT (root keys in the environment). Prints one line per rule, then ALL OK."""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1")


def err(fn):
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]
    raise AssertionError("expected an error")


def check(name):
    print("ok", name, flush=True)


def image(arch):
    f = [{"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": [arch]}]
    return ec2.describe_images(Owners=["amazon"], Filters=f)["Images"][0]["ImageId"]


x86, arm = image("x86_64"), image("arm64")


def run(**kw):
    args = {"ImageId": x86, "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1, **kw}
    return ec2.run_instances(**args)["Instances"]


# Instance type and AMI architecture must agree; unknown types and AMIs are refused.
e = err(lambda: run(ImageId=arm))
assert e[0] == "InvalidParameterValue" and "architecture 'x86_64' of the specified instance type does not match the architecture 'arm64'" in e[2], e
assert run(ImageId=arm, InstanceType="t4g.micro")[0]["Architecture"] == "arm64"
assert err(lambda: run(InstanceType="t9.huge"))[:2] == ("InvalidParameterValue", 400)
assert err(lambda: run(ImageId="ami-0123456789abcdef0"))[0] == "InvalidAMIID.NotFound"
check("architecture")

# The regional vCPU quota of a new account (32 standard vCPUs; 2 are used by the t4g.micro above): MinCount must
# fit, and as many as fit up to MaxCount are launched.
e = err(lambda: run(InstanceType="t3.2xlarge", MinCount=4, MaxCount=4))
assert e[0] == "VcpuLimitExceeded" and "current vCPU limit of 32" in e[2], e
got = run(InstanceType="t3.micro", MinCount=1, MaxCount=20)
assert len(got) == 15, len(got)
assert err(lambda: run())[0] == "VcpuLimitExceeded"
ec2.terminate_instances(InstanceIds=[i["InstanceId"] for i in got])
check("vcpu quota")

# Pages of DescribeInstances with the paginator: every instance once, MaxResults bounds as EC2 has them.
ids = [i["InstanceId"] for i in run(MinCount=6, MaxCount=6)]
seen = [i["InstanceId"] for p in ec2.get_paginator("describe_instances").paginate(PaginationConfig={"PageSize": 5}) for r in p["Reservations"] for i in r["Instances"]]
assert len(seen) == len(set(seen)) and set(ids) <= set(seen), seen
assert err(lambda: ec2.describe_instances(MaxResults=4))[0] == "InvalidParameterValue"
assert err(lambda: ec2.describe_instances(MaxResults=5, InstanceIds=ids[:1]))[0] == "InvalidParameterCombination"
check("describe pages")

# The instance type and user data change only while stopped; each attribute reads back as EC2 shapes it.
iid = ids[0]
assert err(lambda: ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "t3.small"}))[0] == "IncorrectInstanceState"
assert err(lambda: ec2.modify_instance_attribute(InstanceId=iid, UserData={"Value": b"#!/bin/sh"}))[0] == "IncorrectInstanceState"
bdm = ec2.describe_instance_attribute(InstanceId=iid, Attribute="blockDeviceMapping")["BlockDeviceMappings"]
assert [(b["DeviceName"], b["Ebs"]["Status"], b["Ebs"]["DeleteOnTermination"]) for b in bdm] == [("/dev/xvda", "attached", True)], bdm
assert ec2.describe_instance_attribute(InstanceId=iid, Attribute="kernel")["KernelId"] == {}
assert err(lambda: ec2.describe_instance_attribute(InstanceId=iid, Attribute="colour"))[0] == "InvalidParameterValue"
ec2.stop_instances(InstanceIds=[iid])
ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "t3.small"})
assert ec2.describe_instance_attribute(InstanceId=iid, Attribute="instanceType")["InstanceType"] == {"Value": "t3.small"}
assert err(lambda: ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "t4g.small"}))[0] == "InvalidParameterValue"
ec2.start_instances(InstanceIds=[iid])
check("modify instance type")

# Volumes: attach in the instance's zone only, bounds of ModifyVolume, modifications, snapshots.
zone = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["Placement"]["AvailabilityZone"]
other = "us-east-1b" if zone != "us-east-1b" else "us-east-1c"
far = ec2.create_volume(AvailabilityZone=other, Size=10, VolumeType="gp3")["VolumeId"]
near = ec2.create_volume(AvailabilityZone=zone, Size=10, VolumeType="gp3")["VolumeId"]
assert err(lambda: ec2.attach_volume(VolumeId=far, InstanceId=iid, Device="/dev/sdf"))[0] == "InvalidVolume.ZoneMismatch"
assert ec2.attach_volume(VolumeId=near, InstanceId=iid, Device="/dev/sdf")["State"] == "attaching"
ec2.get_waiter("volume_in_use").wait(VolumeIds=[near], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
assert err(lambda: ec2.delete_volume(VolumeId=near))[0] == "VolumeInUse"
for bad in ({"Size": 5}, {"Size": 20000}, {"Iops": 20000}, {"Throughput": 1001}, {"VolumeType": "st1"}, {"VolumeType": "io9"}):
    assert err(lambda: ec2.modify_volume(VolumeId=near, **bad))[0] == "InvalidParameterValue", bad
m = ec2.modify_volume(VolumeId=near, Size=50, Iops=6000, Throughput=250)["VolumeModification"]
assert (m["ModificationState"], m["OriginalSize"], m["TargetSize"], m["TargetIops"], m["TargetThroughput"]) == ("modifying", 10, 50, 6000, 250), m
assert [v["VolumeId"] for v in ec2.describe_volumes(Filters=[{"Name": "iops", "Values": ["6000"]}, {"Name": "throughput", "Values": ["250"]}])["Volumes"]] == [near]
mods = ec2.describe_volumes_modifications(VolumeIds=[near])["VolumesModifications"]
assert [(x["ModificationState"], x["TargetSize"]) for x in mods] == [("completed", 50)], mods
assert err(lambda: ec2.describe_volumes_modifications(VolumeIds=[far]))[0] == "InvalidVolumeModification.NotFound"
snap = ec2.create_snapshot(VolumeId=near, Description="nightly")
assert snap["State"] == "pending" and snap["VolumeSize"] == 50
ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap["SnapshotId"]], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
listed = ec2.describe_snapshots(OwnerIds=["self"], Filters=[{"Name": "volume-id", "Values": [near]}])["Snapshots"]
assert [(s["SnapshotId"], s["State"], s["Description"]) for s in listed] == [(snap["SnapshotId"], "completed", "nightly")], listed
assert err(lambda: ec2.create_volume(AvailabilityZone=zone, SnapshotId=snap["SnapshotId"], Size=20))[0] == "InvalidParameterValue"
restored = ec2.create_volume(AvailabilityZone=other, SnapshotId=snap["SnapshotId"])
assert (restored["Size"], restored["SnapshotId"]) == (50, snap["SnapshotId"]), restored
assert err(lambda: ec2.create_volume(AvailabilityZone=zone, SnapshotId="snap-0123456789abcdef0"))[0] == "InvalidSnapshot.NotFound"
ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])
assert err(lambda: ec2.describe_snapshots(SnapshotIds=[snap["SnapshotId"]]))[0] == "InvalidSnapshot.NotFound"
ec2.detach_volume(VolumeId=near)
ec2.get_waiter("volume_available").wait(VolumeIds=[near], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
ec2.delete_volume(VolumeId=near)
check("volumes and snapshots")

# Security groups: 60 rules a direction, duplicates, a group in use.
sg = ec2.create_security_group(GroupName="many", Description="many rules")["GroupId"]
perms = [{"IpProtocol": "tcp", "FromPort": 2000 + n, "ToPort": 2000 + n, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]} for n in range(60)]
ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=perms)
assert err(lambda: ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]))[0] == "RulesPerSecurityGroupLimitExceeded"
assert err(lambda: ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=perms[:1]))[0] == "InvalidPermission.Duplicate"
egress = [{"IpProtocol": "tcp", "FromPort": 3000 + n, "ToPort": 3000 + n, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]} for n in range(59)]
ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=egress)
assert err(lambda: ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=[{"IpProtocol": "udp", "FromPort": 9, "ToPort": 9, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]))[0] == "RulesPerSecurityGroupLimitExceeded"
def groups(*filters):
    return [g["GroupId"] for g in ec2.describe_security_groups(Filters=[{"Name": n, "Values": [v]} for n, v in filters])["SecurityGroups"]]


assert groups(("ip-permission.from-port", "2005"), ("ip-permission.cidr", "10.0.0.0/8")) == [sg]
assert groups(("egress.ip-permission.to-port", "3058"), ("owner-id", ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0]["OwnerId"])) == [sg]
assert groups(("ip-permission.from-port", "3058")) == []
used = run(SecurityGroupIds=[sg])[0]["InstanceId"]
assert err(lambda: ec2.delete_security_group(GroupId=sg))[0] == "DependencyViolation"
ec2.terminate_instances(InstanceIds=[used])
ec2.get_waiter("instance_terminated").wait(InstanceIds=[used], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
ec2.delete_security_group(GroupId=sg)
assert err(lambda: ec2.describe_security_groups(GroupIds=[sg]))[0] == "InvalidGroup.NotFound"
check("security group limits")

# Imported keys get the fingerprints AWS documents: RSA, the MD5 of the DER public key (as `openssl rsa -pubout
# -outform DER | openssl md5 -c` prints it); ED25519, the SHA-256 `ssh-keygen -l` prints (base64, with padding).
tmp = tempfile.mkdtemp()
for kind in ("rsa", "ed25519"):
    path = os.path.join(tmp, kind)
    subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-f", path], check=True)
    pub = open(path + ".pub", "rb").read()
    fp = ec2.import_key_pair(KeyName=f"imported-{kind}", PublicKeyMaterial=pub)["KeyFingerprint"]
    if kind == "rsa":
        pem = subprocess.run(["ssh-keygen", "-e", "-m", "PKCS8", "-f", path + ".pub"], check=True, capture_output=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=pem, check=True, capture_output=True).stdout
        want = ":".join(f"{b:02x}" for b in hashlib.md5(der).digest())
    else:
        line = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", path + ".pub"], check=True, capture_output=True, text=True).stdout
        b64 = line.split()[1].split(":", 1)[1]
        want = b64 + "=" * (-len(b64) % 4)
    assert fp == want, (kind, fp, want)
assert err(lambda: ec2.import_key_pair(KeyName="imported-rsa", PublicKeyMaterial=pub))[0] == "InvalidKeyPair.Duplicate"
assert err(lambda: ec2.import_key_pair(KeyName="junk", PublicKeyMaterial=b"ssh-rsa AAAA"))[0] == "InvalidKeyPair.Format"
created = ec2.create_key_pair(KeyName="made")
pem_path = os.path.join(tmp, "made.pem")
open(pem_path, "w").write(created["KeyMaterial"])
der = subprocess.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", pem_path, "-outform", "DER"], check=True, capture_output=True).stdout
assert created["KeyFingerprint"] == ":".join(f"{b:02x}" for b in hashlib.sha1(der).digest()), created["KeyFingerprint"]
check("key pair fingerprints")

# iam:PassRole for an instance profile's role, and a policy allowing only t3.micro (ec2:InstanceType).
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
iam.create_role(RoleName="web", AssumeRolePolicyDocument=json.dumps(trust))
iam.create_instance_profile(InstanceProfileName="web")
iam.add_role_to_instance_profile(InstanceProfileName="web", RoleName="web")


def user(name, statements):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
    k = iam.create_access_key(UserName=name)["AccessKey"]
    return boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=k["AccessKeyId"], aws_secret_access_key=k["SecretAccessKey"])


only_ec2 = user("only-ec2", [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}])
args = {"ImageId": x86, "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1, "IamInstanceProfile": {"Name": "web"}}
e = err(lambda: only_ec2.run_instances(**args))
assert e[:2] == ("UnauthorizedOperation", 403) and "iam:PassRole" in e[2], e
passer = user("passer", [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
                         {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/web"}])
launched = passer.run_instances(**args)["Instances"][0]
assert launched["IamInstanceProfile"]["Arn"].endswith(":instance-profile/web"), launched
small = user("small-only", [
    {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*", "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}},
    {"Effect": "Allow", "Action": "ec2:RunInstances", "NotResource": "arn:aws:ec2:*:*:instance/*"}])
base = {"ImageId": x86, "MinCount": 1, "MaxCount": 1}
assert len(small.run_instances(InstanceType="t3.micro", **base)["Instances"]) == 1
assert err(lambda: small.run_instances(InstanceType="t3.large", **base))[:2] == ("UnauthorizedOperation", 403)
check("authorization conditions")
print("ALL OK")
