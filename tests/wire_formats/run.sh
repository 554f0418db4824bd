#!/usr/bin/env bash
# Points each standard's own client at the example server of its format
# (examples/wire_formats.rs) over loopback, and checks what the client
# reports: botocore for S3's XML errors, google-api-core for Google's JSON
# errors. Installs boto3 and google-api-core (PyPI) into a virtual
# environment, builds and starts the example once per format, then runs
# check_s3.py and check_google.py.
#
#   tests/wire_formats/run.sh          # a fresh temporary venv
#   tests/wire_formats/run.sh DIR      # the venv in DIR, kept (faster reruns)
#
# Versions: BOTO3_VERSION (default 1.40.61), GOOGLE_API_CORE_VERSION
# (default 2.28.1). Needs cargo, python3 with venv, and PyPI. Exits non-zero
# when an install, the build or a check fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
boto3_version=${BOTO3_VERSION:-1.40.61}
google_version=${GOOGLE_API_CORE_VERSION:-2.28.1}

keep=
if [[ $# -ge 1 ]]; then
    work=$1 keep=1
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/wire-formats-check.XXXXXX")
fi
pids=()
cleanup() {
    # Only the servers this script started, by their ids.
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [[ -n $keep ]] || rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=../support/step.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/step.sh"

started=$SECONDS
[[ -x $work/venv/bin/python ]] || step "python3 -m venv" python3 -m venv "$work/venv"
step "pip install boto3==$boto3_version google-api-core==$google_version" \
    "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "boto3==$boto3_version" "google-api-core==$google_version"
step "cargo build --example wire_formats" \
    cargo build --quiet --manifest-path "$root/Cargo.toml" --features axum --example wire_formats
server=$root/target/debug/examples/wire_formats

# Starts the example in FORMAT on a free port; sets `base` to its URL.
start() {
    local log=$work/$1.log
    "$server" 0 "$1" >"$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        base=$(sed -n 's/^listening on //p' "$log")
        [[ -n $base ]] && return 0
        sleep 0.1
    done
    echo "wire_formats: the $1 server did not start" >&2
    cat "$log" >&2
    return 1
}

status=0
start s3
step "check_s3.py (botocore)" "$work/venv/bin/python" "$here/check_s3.py" "$base" || status=1
start google
step "check_google.py (google-api-core)" env PYTHONWARNINGS=ignore::FutureWarning "$work/venv/bin/python" "$here/check_google.py" "$base" || status=1

echo "wire_formats: $((SECONDS - started)) s in all, $([[ $status -eq 0 ]] && echo "every client reads its format" || echo "FAILED")"
exit "$status"
