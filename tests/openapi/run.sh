#!/usr/bin/env bash
# Validates the example server's /openapi.json as OpenAPI 3.1 with
# openapi-spec-validator (PyPI), which checks the document against the
# specification's JSON Schema and its schemas against JSON Schema 2020-12;
# and checks that the same validator refuses broken copies of it, so that a
# pass means something. tests/openapi.rs reads the same document with a
# Rust parser and compares its examples with the server's bodies.
#
#   tests/openapi/run.sh          # install into a fresh temporary directory
#   tests/openapi/run.sh DIR      # install into DIR and keep it (faster reruns)
#
# Version: OPENAPI_SPEC_VALIDATOR_VERSION (default 0.9.0). Needs cargo,
# python3 with pip, and PyPI. Exits non-zero when the install, the build or
# a check fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=${OPENAPI_SPEC_VALIDATOR_VERSION:-0.9.0}

if [[ $# -ge 1 ]]; then
    work=$1
    mkdir -p "$work"
    keep=1
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/openapi-check.XXXXXX")
    keep=0
fi
server=
cleanup() {
    if [[ -n $server ]]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    if [[ $keep == 0 ]]; then
        rm -rf "$work"
    fi
}
trap cleanup EXIT

echo "== pip install openapi-spec-validator==$version"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-warn-conflicts --target "$work/py" \
    "openapi-spec-validator==$version"

echo "== the example server, with its OpenAPI document"
cd "$root"
cargo build --quiet --example phala_server --features axum,utoipa
# `cargo run` replaces itself with the server on Unix: $! is the server.
cargo run --quiet --example phala_server --features axum,utoipa -- 0 >"$work/server.log" 2>&1 &
server=$!
address=
for _ in $(seq 1 100); do
    address=$(sed -n 's/^listening on \(http:\/\/[0-9.:]*\)$/\1/p' "$work/server.log")
    [[ -n $address ]] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $address ]] || { echo "openapi: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

PYTHONPATH="$work/py" python3 "$here/validate.py" "$address/openapi.json"
