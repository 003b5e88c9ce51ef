"""What the boto3 S3 check scripts share: the error a call must fail with, and the line each passed check prints."""
from botocore.exceptions import ClientError


def code(fn):
    """(Code, HTTP status, Error) of the ClientError fn raises; an AssertionError when it succeeds."""
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]
    raise AssertionError("expected an error")


def check(name):
    print("ok", name, flush=True)
