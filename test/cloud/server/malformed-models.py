"""For every operation tfsim implements, send requests built from botocore's model with each required member
dropped, a member of the wrong type and a bad enum value; print one JSON line per request (status, code).
Usage: malformed-models.py ENDPOINT OPERATIONS_JSON (keys in the environment). OPERATIONS_JSON maps a botocore
service name to the operation names to try."""
import json
import sys

import boto3
from botocore.config import Config

endpoint, ops_by_service = sys.argv[1], json.loads(sys.argv[2])
config = Config(parameter_validation=False, retries={"max_attempts": 1}, s3={"addressing_style": "path"})
session = boto3.session.Session(region_name="us-east-1")

# Values that pass the model's own constraints, so that the only fault in a request is the one we put there.
SAMPLE_STRINGS = {"Bucket": "tfsim-malformed-probe", "Key": "k"}


def sample(shape, name="", depth=0):
    t = shape.type_name
    if t == "structure":
        return {m: sample(shape.members[m], m, depth + 1) for m in shape.required_members} if depth < 6 else {}
    if t == "list":
        return [sample(shape.member, name, depth + 1)]
    if t == "map":
        return {"k": sample(shape.value, name, depth + 1)}
    if t == "string":
        if shape.enum:
            return shape.enum[0]
        if name in SAMPLE_STRINGS:
            return SAMPLE_STRINGS[name]
        n = max(shape.metadata.get("min", 1), 1)
        return "a" * n
    if t in ("integer", "long"):
        return max(shape.metadata.get("min", 1), 1)
    if t in ("double", "float"):
        return 1.0
    if t == "boolean":
        return True
    if t == "timestamp":
        return "2024-01-01T00:00:00Z"
    if t == "blob":
        return b"x"
    return None


def wrong_type(shape):
    """A value botocore's serializer passes through unchanged but the model's type refuses; None when there is none."""
    if shape.type_name in ("integer", "long", "double", "float"):
        return "not-a-number"
    return None


def send(client, op, params):
    method = getattr(client, {api: py for py, api in client.meta.method_to_api_mapping.items()}[op])
    try:
        method(**params)
        return 200, "-", ""
    except client.exceptions.ClientError as e:
        err = e.response["Error"]
        return e.response["ResponseMetadata"]["HTTPStatusCode"], err.get("Code", "-"), err.get("Message", "")
    except Exception as e:  # noqa: BLE001 - a client-side failure is reported, not raised
        return 0, "client:" + type(e).__name__, str(e)


for service, ops in ops_by_service.items():
    client = session.client(service, endpoint_url=endpoint, config=config)
    model = client.meta.service_model
    if service == "s3":
        client.create_bucket(Bucket=SAMPLE_STRINGS["Bucket"])
    for op in ops:
        if op not in model.operation_names:
            continue
        shape = model.operation_model(op).input_shape
        if shape is None:
            continue
        base = sample(shape)
        cases = []
        for m in shape.required_members:
            if shape.members[m].serialization.get("location") == "uri":
                continue  # the path names the bucket and key: without them it is another operation's path
            p = dict(base)
            del p[m]
            cases.append(("missing", m, p))
        for m, ms in shape.members.items():
            if ms.serialization.get("location") in ("uri",):
                continue
            bad = wrong_type(ms)
            if bad is not None:
                cases.append(("type", m, {**base, m: bad}))
            # botocore computes the checksum it names itself, and refuses an algorithm it does not know.
            if ms.type_name == "string" and ms.enum and m != "ChecksumAlgorithm":
                cases.append(("enum", m, {**base, m: "NotAnEnumValue"}))
        for kind, member, params in cases:
            status, code, message = send(client, op, params)
            print(json.dumps({"service": service, "op": op, "kind": kind, "member": member, "status": status, "code": code, "message": message}), flush=True)
