"""PyPI `gql`, pointed at the GraphQL example server, reports each catalog
error as GraphQL errors whose `extensions` carry the catalog code and the
details, and nothing private.

    python3 check_gql.py URL
"""

import sys

from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.requests import RequestsHTTPTransport

SECRET = "hunter2-compose-secret"

# (query, code, message, details): what the client must report.
CASES = [
    ("{ node(id: 7) { id } }", "ERR-01-001", "The requested node is not available", {"node_id": 7}),
    (
        'mutation { provision(name: "web-1") { name } }',
        "ERR-01-004",
        "A CVM with name 'web-1' already exists",
        {"name": "web-1"},
    ),
    (
        'mutation { validateCompose(file: "password: %s") }' % SECRET,
        "ERR-01-003",
        "The Docker Compose file contains errors",
        {"location": "services.web.ports[0]"},
    ),
]


def main(url):
    # The schema fetched by introspection: gql validates each query first.
    client = Client(transport=RequestsHTTPTransport(url=url), fetch_schema_from_transport=True)
    failures = 0
    for query, code, message, details in CASES:
        try:
            result = client.execute(gql(query))
        except TransportQueryError as error:
            [reported] = error.errors
            got = (reported["extensions"].get("code"), reported["message"], reported["extensions"].get("details"))
            leaked = SECRET in repr(error.errors) or SECRET in str(error)
            if got != (code, message, details) or leaked:
                print(f"FAIL {code}: gql reported {got}, leaked: {leaked}")
                failures += 1
            else:
                print(f"ok   {code}: extensions.code, message and details as the catalog says")
        else:
            print(f"FAIL {code}: no error, the result was {result}")
            failures += 1
    # A query that succeeds still succeeds.
    result = client.execute(gql('mutation { provision(name: "web-2") { name } }'))
    if result != {"provision": {"name": "web-2"}}:
        print(f"FAIL success: {result}")
        failures += 1
    print(f"{len(CASES) + 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
