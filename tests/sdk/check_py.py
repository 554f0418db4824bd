"""Do the official Phala Cloud Python SDK (phala-cloud) and our error bodies agree?

    PYTHONPATH=TARGET python3 tests/sdk/check_py.py tests/sdk/bodies.json

TARGET is where `pip install --target TARGET` put the SDK. bodies.json holds
what examples/phala_server.rs answers (tests/http_axum.rs keeps it current).
An httpx MockTransport replays those exact bytes, with their status and
content type, under the SDK's own client: the generic `request` (which turns a
failed response into a typed error in `_to_api_error`) and the methods that
read an error body themselves (`get_cvm_info`, and `update_cvm_envs`, which
maps a 465 to `precondition_required` in `_extract_465_fields`).

Exit status 0 when every expectation holds, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from typing import Any

import httpx
import phala_cloud
from phala_cloud import ApiError, BusinessError, PhalaCloud, ResourceError, error_codes
from phala_cloud.models import KmsInfo

passed = 0
failed = 0
known: list[str] = []


def check(label: str, condition: bool, detail: Any = None) -> None:
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {label}" + ("" if detail is None else f": {detail!r}"))


def same(label: str, actual: Any, expected: Any) -> None:
    check(label, actual == expected, {"actual": actual, "expected": expected})


def replay(records: list[dict[str, Any]], request_id: str) -> httpx.MockTransport:
    """Answers the records in order per method and path (the last one again
    once they are used up), and checks each request's id."""
    queues: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        queues.setdefault((record["method"], record["path"]), []).append(record)
    served: dict[tuple[str, str], int] = {}

    def handle(request: httpx.Request) -> httpx.Response:
        key = (request.method, request.url.path)
        check(f"the SDK sends X-Request-ID on {key}", request.headers.get("x-request-id") == request_id)
        queue = queues.get(key)
        if queue is None:
            check(f"the replay knows {key}", False)
            return httpx.Response(599, text="no such record")
        index = min(served.get(key, 0), len(queue) - 1)
        served[key] = index + 1
        record = queue[index]
        return httpx.Response(
            record["status"], content=record["raw"].encode(), headers={"content-type": record["content_type"]}
        )

    return httpx.MockTransport(handle)


def client_for(records: list[dict[str, Any]], request_id: str) -> PhalaCloud:
    base = "http://replay.invalid/api/v1"
    http = httpx.Client(
        base_url=base, transport=replay(records, request_id), headers={"X-Request-ID": request_id}
    )
    return PhalaCloud(base_url=base, api_key="test-key", http_client=http)


def raised(label: str, call: Any) -> Exception | None:
    try:
        value = call()
    except Exception as error:  # noqa: BLE001 - any exception is what we look at
        return error
    check(f"{label} raises", False, value)
    return None


def expect_resource_error(label: str, error: Any, record: dict[str, Any], request_id: str) -> None:
    body = record["body"]
    check(f"{label}: a ResourceError", isinstance(error, ResourceError), type(error).__name__)
    check(f"{label}: a BusinessError", isinstance(error, BusinessError))
    check(f"{label}: an ApiError", isinstance(error, ApiError))
    same(f"{label}: error_code", getattr(error, "error_code", None), body["error_code"])
    same(f"{label}: status_code", getattr(error, "status_code", None), record["status"])
    # The flat body's `message`; a problem document's `detail`.
    same(f"{label}: message", str(error), body.get("message", body.get("detail")))
    same(f"{label}: structured_details", getattr(error, "structured_details", None), body["details"])
    same(f"{label}: request_id", getattr(error, "request_id", None), request_id)
    same(f"{label}: suggestions", getattr(error, "suggestions", None), body.get("suggestions"))
    same(f"{label}: links", getattr(error, "links", None), body.get("links"))
    # `code` is the legacy key: our bodies never have it.
    same(f"{label}: code", getattr(error, "code", "absent"), None)
    same(f"{label}: detail is the body", getattr(error, "detail", None), body)


def check_format(format_: str, records: list[dict[str, Any]], request_id: str) -> None:
    by_name = {record["name"]: record for record in records}
    client = client_for(records, request_id)

    # 201: the CVM. `request_full`: `request` would validate the answer
    # against the real API's provision model, which our toy CVM is not.
    created = client.request_full("POST", "/cvms/provision", json=by_name["provision"]["request"])
    same(f"{format_} provision: status", created["status"], 201)
    same(f"{format_} provision: the CVM", created["data"], by_name["provision"]["body"])

    record = by_name["duplicate_name"]
    error = raised("duplicate", lambda: client.request("POST", "/cvms/provision", json=record["request"]))
    expect_resource_error(f"{format_} duplicate_name", error, record, request_id)

    record = by_name["cvm_not_found"]
    error = raised("get", lambda: client.request("GET", "/cvms/app_missing"))
    expect_resource_error(f"{format_} cvm_not_found", error, record, request_id)
    error = raised("get_cvm_info", lambda: client.get_cvm_info({"id": "app_missing"}))
    expect_resource_error(f"{format_} get_cvm_info", error, record, request_id)
    safe = client.safe_get_cvm_info({"id": "app_missing"})
    check(f"{format_} safe_get_cvm_info: not ok", safe.ok is False, safe)
    expect_resource_error(f"{format_} safe_get_cvm_info", safe.error, record, request_id)

    record = by_name["hash_registration_required"]
    error = raised("patch", lambda: client.request("PATCH", "/cvms/web-1/envs", json=record["request"]))
    expect_resource_error(f"{format_} hash_registration_required", error, record, request_id)

    # update_cvm_envs reads the `details` array of a 465 itself.
    fields = {detail["field"]: detail["value"] for detail in record["body"]["details"]}
    result = client.update_cvm_envs({"id": "web-1", "encrypted_env": record["request"]["encrypted_env"]})
    dumped = result.model_dump() if hasattr(result, "model_dump") else result
    same(f"{format_} update_cvm_envs: status", dumped.get("status"), "precondition_required")
    if "message" in record["body"]:
        same(f"{format_} update_cvm_envs: message", dumped.get("message"), record["body"]["message"])
    else:
        # KNOWN: a problem document's message is its `detail`, which
        # `_extract_465_fields` does not read: the SDK's default instead.
        same(f"{format_} update_cvm_envs: message (KNOWN)", dumped.get("message"), "Compose hash verification required")
        known.append(f"{format_} update_cvm_envs: the message is the SDK's default, not the body's `detail`")
    for key in ("compose_hash", "app_id", "device_id", "kms_info"):
        same(f"{format_} update_cvm_envs: {key}", dumped.get(key), fields[key])


def check_kms_info(record: dict[str, Any]) -> None:
    """Our kms_info is the SDK's KMS object (`models.KmsInfo`, what `get_kms_list`
    reads): its fields, no more, no fewer, and it validates to the same values.
    (`update_cvm_envs` keeps kms_info as a loose object; this is the typed view.)"""
    kms = next(detail["value"] for detail in record["body"]["details"] if detail["field"] == "kms_info")
    same("kms_info: the fields of models.KmsInfo", sorted(kms), sorted(KmsInfo.model_fields))
    try:
        parsed = KmsInfo.model_validate(kms)
    except Exception as error:  # noqa: BLE001 - a validation error is the failure
        check("kms_info: models.KmsInfo validates it", False, error)
        return
    same("kms_info: models.KmsInfo, the same values", parsed.model_dump(), kms)


def check_error_codes(records: list[dict[str, Any]]) -> None:
    codes = {value for name, value in vars(error_codes).items() if name.isupper()}
    for record in records:
        if record["status"] >= 400:
            check(f"error_codes has {record['body']['error_code']}", record["body"]["error_code"] in codes)
    same("DUPLICATE_CVM_NAME", error_codes.DUPLICATE_CVM_NAME, "ERR-01-004")
    same("HASH_REGISTRATION_REQUIRED", error_codes.HASH_REGISTRATION_REQUIRED, "ERR-01-005")
    same("CVM_NOT_FOUND", error_codes.CVM_NOT_FOUND, "ERR-03-001")


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: check_py.py bodies.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as file:
        bodies = json.load(file)
    print(
        f"phala-cloud {version('phala-cloud')} ({phala_cloud.__file__}), httpx {httpx.__version__}, "
        f"python {sys.version.split()[0]}"
    )
    for format_, records in bodies["formats"].items():
        for record in records:
            same(f"{format_} {record['name']}: raw is body", json.loads(record["raw"]), record["body"])
        check_format(format_, records, bodies["request_id"])
    check_kms_info(next(r for r in bodies["formats"]["flat"] if r["name"] == "hash_registration_required"))
    check_error_codes(bodies["formats"]["flat"])
    for note in known:
        print(f"KNOWN {note}")
    print(f"py: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
