# botocore as the oracle for the Query codecs: serialises request params the way the aws CLI and boto3 send them,
# and parses response XML the way they read it. Reads a JSON list of jobs on stdin, writes the results as JSON.
#   {"op": "serialize", "service", "operation", "params"}        -> {"body": "Action=...&..."}
#   {"op": "parse", "service", "operation", "status", "body"}     -> the parsed dict (timestamps as epoch ms)
import base64
import datetime
import json
import sys

import botocore.session
from botocore import parsers, serialize

session = botocore.session.get_session()
loader = session.get_component("data_loader")
models = {}


def model(service):
    if service not in models:
        from botocore.model import ServiceModel
        models[service] = ServiceModel(loader.load_service_model(service, "service-2"), service)
    return models[service]


def revive(shape, value):
    """JSON → the Python types botocore's serializer expects (timestamps and blobs)."""
    if value is None:
        return None
    t = shape.type_name
    if t == "structure":
        return {k: revive(shape.members[k], v) for k, v in value.items()}
    if t == "list":
        return [revive(shape.member, v) for v in value]
    if t == "map":
        return {k: revive(shape.value, v) for k, v in value.items()}
    if t == "timestamp":
        return datetime.datetime.fromtimestamp(value / 1000, datetime.timezone.utc)
    if t == "blob":
        return base64.b64decode(value)
    return value


def plain(v):
    if isinstance(v, datetime.datetime):
        return int(v.timestamp() * 1000)
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


out = []
for job in json.load(sys.stdin):
    m = model(job["service"])
    op = m.operation_model(job["operation"])
    if job["op"] == "serialize":
        ser = serialize.create_serializer(m.metadata["protocol"], include_validation=True)
        req = ser.serialize_to_request(revive(op.input_shape, job["params"]), op)
        body = req["body"]
        if isinstance(body, dict):
            from urllib.parse import urlencode
            body = urlencode(body, doseq=True)
        out.append({"body": body if isinstance(body, str) else body.decode()})
    else:
        parser = parsers.create_parser(m.metadata["protocol"])
        parsed = parser.parse({"body": job["body"].encode(), "headers": {}, "status_code": job["status"]},
                              op.output_shape)
        out.append(plain(parsed))
json.dump(out, sys.stdout)
