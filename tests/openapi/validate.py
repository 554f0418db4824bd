"""Validates the OpenAPI 3.1 document at a URL with openapi-spec-validator,
then checks that broken copies of it are refused. Run by run.sh."""

import copy
import json
import sys
import urllib.request

from openapi_spec_validator import OpenAPIV31SpecValidator


def errors(document):
    """The validator's errors for `document`, as one line each."""
    return [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]


def error_responses(document):
    """Every response of the document whose status is 4xx or 5xx."""
    for item in document["paths"].values():
        for operation in item.values():
            for status, response in operation.get("responses", {}).items():
                if status[0] in "45":
                    yield response


def main(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        document = json.load(answer)
    assert document["openapi"].startswith("3.1."), document["openapi"]
    found = errors(document)
    for message in found:
        print(f"invalid: {message}", file=sys.stderr)
    if found:
        return 1
    responses = list(error_responses(document))
    print(f"valid OpenAPI {document['openapi']}: {len(document['paths'])} paths, {len(responses)} error responses")

    # The same validator refuses what is broken: a response without its
    # required description, a schema whose `enum` is not an array, a version
    # that is not 3.1.
    broken = {}
    no_description = copy.deepcopy(document)
    del next(error_responses(no_description))["description"]
    broken["an error response without description"] = no_description
    bad_enum = copy.deepcopy(document)
    schema = next(error_responses(bad_enum))["content"]["application/json"]["schema"]
    schema["properties"]["error_code"]["enum"] = "ERR-02-008"
    broken["an error_code enum that is a string"] = bad_enum
    no_info = copy.deepcopy(document)
    del no_info["info"]
    broken["a document without info"] = no_info
    failed = 0
    for what, document in broken.items():
        if errors(document):
            print(f"refused, as it should be: {what}")
        else:
            print(f"accepted, but broken: {what}", file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
