#!/usr/bin/env bash
# Points PyPI `gql` (a real GraphQL client) at the GraphQL example server
# over loopback: every catalog error must reach it as a GraphQL error whose
# `extensions.code` is the catalog code (check_gql.py).
#
#   tests/graphql/run.sh        # gql installed under target/graphql-client
#
# Version: GQL_VERSION (default 4.4.0), with its `requests` transport.
# Needs python3 with pip, and PyPI. Exits non-zero when the install, the
# build or a check fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=${GQL_VERSION:-4.4.0}
work="$root/target/graphql-client"

python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --upgrade \
    --target "$work/py" "gql[requests]==$version"

cargo build --quiet --example graphql_server --features async-graphql
out=$(mktemp)
"$root/target/debug/examples/graphql_server" 0 >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 100); do
    grep -q '^listening on ' "$out" && break
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$out")
[[ -n $url ]] || { echo "graphql: the example server did not start" >&2; exit 1; }

PYTHONPATH="$work/py" python3 "$here/check_gql.py" "$url"
