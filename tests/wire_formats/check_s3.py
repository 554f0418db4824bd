"""botocore, pointed at the example's S3 store (examples/wire_formats.rs s3),
reads each error as S3's own: a ClientError whose Error.Code is the code,
the modeled exception where botocore has one (NoSuchKey, NoSuchBucket),
the status, the message, the request id of x-amz-request-id, and the
detail elements; a hostile key comes back whole through botocore's XML
parser.

    python check_s3.py http://127.0.0.1:PORT
"""

import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

base = sys.argv[1]
s3 = boto3.client(
    "s3",
    endpoint_url=base,
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="secret",
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
)
failures = []


def expect(label, call, exception, code, status, message, **error):
    try:
        call()
    except ClientError as raised:
        response = raised.response
        got = response["Error"]
        checks = [
            ("class", type(raised).__name__, exception),
            ("Error.Code", got.get("Code"), code),
            ("status", response["ResponseMetadata"]["HTTPStatusCode"], status),
            ("Error.Message", got.get("Message"), message),
        ]
        request_id = response["ResponseMetadata"].get("RequestId")
        checks.append(("RequestId (x-amz-request-id)", bool(request_id), True))
        checks += [(f"Error.{key}", got.get(key), value) for key, value in error.items()]
        bad = [f"{name}: {have!r} != {want!r}" for name, have, want in checks if have != want]
        if bad:
            failures.append(f"{label}: " + "; ".join(bad))
            print(f"FAIL {label}: {bad}")
        else:
            print(f"ok   {label}: {exception} {code} {status} (request id {request_id})")
        return
    failures.append(f"{label}: no error")
    print(f"FAIL {label}: no error")


# The one object there is.
body = s3.get_object(Bucket="photos", Key="cat.jpg")["Body"].read()
if body != b"meow":
    failures.append(f"get_object photos/cat.jpg: {body!r}")

expect("NoSuchKey", lambda: s3.get_object(Bucket="photos", Key="dog.jpg"),
       "NoSuchKey", "NoSuchKey", 404, "The specified key does not exist.", Key="dog.jpg")
# Every character XML escapes, a character reference, a carriage return and
# characters outside ASCII, through botocore's own XML parser.
hostile = "a<b>&c\"d'e ]]> \u00fc\u2713 \r\n</Error><Code>Forged</Code>"
expect("NoSuchKey, a hostile key", lambda: s3.get_object(Bucket="photos", Key=hostile),
       "NoSuchKey", "NoSuchKey", 404, "The specified key does not exist.", Key=hostile)
expect("NoSuchBucket", lambda: s3.get_object(Bucket="nosuchbucket", Key="x"),
       "NoSuchBucket", "NoSuchBucket", 404, "The specified bucket does not exist.", BucketName="nosuchbucket")
expect("AccessDenied", lambda: s3.get_object(Bucket="private", Key="x"),
       "ClientError", "AccessDenied", 403, "Access Denied")
expect("InvalidArgument", lambda: s3.get_object(Bucket="photos", Key="cat.jpg", VersionId="v<1>&"),
       "ClientError", "InvalidArgument", 400, "Invalid version id specified",
       ArgumentName="versionId", ArgumentValue="v<1>&")

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
print("botocore reads every S3 error")
