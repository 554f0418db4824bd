"""google-api-core reads the example library's errors (examples/wire_formats.rs
google) as Google's own: exceptions.from_http_response gives the exception
class of the status, the message, and the reason, domain and metadata of
the ErrorInfo.

google-api-core 2.28.1 keeps the ErrorInfo of an HTTP answer as the JSON
object it is (a dict), while its `reason`, `domain` and `metadata`
properties read attributes of an `ErrorInfo` message: over HTTP they raise
AttributeError whatever the server sends. So the check reads the ErrorInfo
the client picked (the one `from_http_response` passes on as `error_info`,
found again in its public `details`, the first of `@type`
`type.googleapis.com/google.rpc.ErrorInfo`), and the properties when they
work (a later version may mend them); it fails if they work and disagree.

    python check_google.py http://127.0.0.1:PORT
"""

import sys

import requests
from google.api_core import exceptions

base = sys.argv[1]
failures = []


def expect(label, path, exception, status, message, reason, metadata):
    response = requests.get(base + path, timeout=10)
    raised = exceptions.from_http_response(response)
    info = next(d for d in raised.details if d.get("@type") == "type.googleapis.com/google.rpc.ErrorInfo")
    try:
        properties = (raised.reason, raised.domain, dict(raised.metadata))
    except AttributeError:
        properties = None  # google-api-core's HTTP ErrorInfo is a dict: see above
    checks = [
        ("class", type(raised).__name__, exception.__name__),
        ("code", raised.code, status),
        ("message ends with", raised.message.endswith(": " + message), True),
        ("ErrorInfo.reason", info.get("reason"), reason),
        ("ErrorInfo.domain", info.get("domain"), "googleapis.com"),
        ("ErrorInfo.metadata", info.get("metadata"), metadata),
    ]
    if properties is not None:
        checks.append(("reason, domain, metadata", properties, (reason, "googleapis.com", metadata)))
    bad = [f"{name}: {have!r} != {want!r}" for name, have, want in checks if have != want]
    if bad:
        failures.append(f"{label}: " + "; ".join(bad))
        print(f"FAIL {label}: {bad} ({raised.message!r})")
    else:
        how = "properties" if properties is not None else "details (the properties raise on a dict)"
        print(f"ok   {label}: {type(raised).__name__} {status} {reason}, ErrorInfo from {how}")


ok = requests.get(base + "/v1/shelves/fiction/books/moby-dick", timeout=10)
if ok.status_code != 200:
    failures.append(f"the book: {ok.status_code}")

expect("BOOK_NOT_FOUND", "/v1/shelves/fiction/books/nope", exceptions.NotFound, 404,
       "Book 'nope' was not found on shelf 'fiction'.", "BOOK_NOT_FOUND",
       {"errorCode": "BOOK_NOT_FOUND", "shelf": "fiction", "book": "nope"})
expect("SHELF_NOT_FOUND", "/v1/shelves/poetry/books/odyssey", exceptions.NotFound, 404,
       "Shelf 'poetry' was not found.", "SHELF_NOT_FOUND",
       {"errorCode": "SHELF_NOT_FOUND", "shelf": "poetry"})
expect("API_KEY_INVALID", "/v1/shelves/fiction/books/moby-dick?key=invalid", exceptions.BadRequest, 400,
       "API key not valid. Please pass a valid API key.", "API_KEY_INVALID",
       {"errorCode": "API_KEY_INVALID", "service": "library-example.googleapis.com"})
expect("RATE_LIMIT_EXCEEDED", "/v1/shelves/fiction/books/moby-dick?quota=exhausted", exceptions.TooManyRequests, 429,
       "Quota exceeded for quota metric 'library-example.googleapis.com/read_requests' of service "
       "'library-example.googleapis.com'.", "RATE_LIMIT_EXCEEDED",
       {"errorCode": "RATE_LIMIT_EXCEEDED", "service": "library-example.googleapis.com",
        "quotaMetric": "library-example.googleapis.com/read_requests"})
expect("an unknown route", "/v2/nothing", exceptions.NotFound, 404,
       "The requested URL was not found on this server.", "NOT_FOUND", {"errorCode": "NOT_FOUND"})

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
print("google-api-core reads every Google error")
