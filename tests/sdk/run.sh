#!/usr/bin/env bash
# Checks that the official Phala Cloud SDKs read our error bodies: installs
# @phala/cloud (npm) and phala-cloud (PyPI) into a temporary directory, then
# runs check-js.mjs and check_py.py on tests/sdk/bodies.json. See README.md.
#
#   tests/sdk/run.sh          # install into a fresh temporary directory
#   tests/sdk/run.sh DIR      # install into DIR and keep it (faster reruns)
#
# Versions: PHALA_CLOUD_JS_VERSION (default 0.2.9), PHALA_CLOUD_PY_VERSION
# (default 0.2.0). The checks' expectations, the known incompatibilities
# included, are those of these versions. Needs node, npm, python3 with pip,
# and the npm registry and PyPI. Exits non-zero when an install or a check
# fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
js_version=${PHALA_CLOUD_JS_VERSION:-0.2.9}
py_version=${PHALA_CLOUD_PY_VERSION:-0.2.0}

if [[ $# -ge 1 ]]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/phala-sdk-check.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi

for tool in node npm python3; do
    command -v "$tool" >/dev/null || { echo "sdk: $tool is not installed" >&2; exit 1; }
done

# shellcheck source=../support/step.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/step.sh"

started=$SECONDS

# --ignore-scripts: the SDK's optional native helpers (bufferutil,
# utf-8-validate, for websockets) are not needed to parse a response.
step "npm install @phala/cloud@$js_version" \
    npm install --prefix "$work/node" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "@phala/cloud@$js_version"

# phala-cloud declares pysha3, which does not build on Python 3.11 and later
# (its C code uses a header CPython removed); the SDK imports it lazily, in
# utils.py, only to hash compose files. So: the SDK without its dependencies,
# then the two its client imports (httpx, pydantic). dstack-sdk, also
# declared, is imported lazily too, for on-chain helpers we do not call.
step "pip install phala-cloud==$py_version (without pysha3, dstack-sdk)" bash -c '
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$1/py" "phala-cloud==$2" &&
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-warn-conflicts --target "$1/py" "httpx>=0.27.0" "pydantic>=2.7.0"
' _ "$work" "$py_version"

status=0
step "check-js.mjs" node "$here/check-js.mjs" "$work/node" "$here/bodies.json" || status=1
step "check_py.py" env PYTHONPATH="$work/py" python3 "$here/check_py.py" "$here/bodies.json" || status=1

echo "sdk: $((SECONDS - started)) s in all, $([[ $status -eq 0 ]] && echo "both SDKs read our bodies" || echo "FAILED")"
exit "$status"
