# botocore as the oracle for the REST-XML codec (S3): serialises requests as boto3 sends them (method, path, query,
# headers, body) and parses response XML and headers as boto3 reads them. JSON jobs on stdin, results on stdout.
import base64
import datetime
import json
import sys

import botocore.session
from botocore import parsers, serialize
from botocore.model import ServiceModel
from botocore.utils import percent_encode_sequence
from urllib3._collections import HTTPHeaderDict

loader = botocore.session.get_session().get_component("data_loader")
models = {}


def model(service):
    if service not in models:
        models[service] = ServiceModel(loader.load_service_model(service, "service-2"), service)
    return models[service]


def revive(shape, value):
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
    if isinstance(v, (bytes, bytearray)):
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
        path = req["url_path"]
        literal = ""
        if "?" in path:
            path, literal = path.split("?", 1)
        qs = percent_encode_sequence(req["query_string"]) if req["query_string"] else ""
        query = "&".join(x for x in (literal, qs) if x)
        body = req["body"]
        if isinstance(body, str):
            body = body.encode()
        out.append({"method": req["method"], "path": path, "query": query,
                    "headers": [[k, v if isinstance(v, str) else v.decode()] for k, v in req["headers"].items()],
                    "body": base64.b64encode(body or b"").decode()})
    else:
        parser = parsers.create_parser(m.metadata["protocol"])
        headers = HTTPHeaderDict(job["headers"])  # case-insensitive, as botocore gets them from urllib3
        parsed = parser.parse({"body": base64.b64decode(job["body"]), "headers": headers,
                               "status_code": job["status"]}, op.output_shape)
        out.append(plain(parsed))
json.dump(out, sys.stdout)
