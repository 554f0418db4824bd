#!/usr/bin/env bash
# Checks the generated client modules with the real tools: `tsc --strict`
# (npm typescript, installed into a temporary directory) and python3. The
# modules are the committed copies in tests/data/ (phala-catalog.ts,
# phala_catalog.py, and the same for the catalog of edge cases and an empty
# one), which tests/clients.rs keeps equal to what the code renders.
#
#   tests/clients/run.sh          # install into a fresh temporary directory
#   tests/clients/run.sh DIR      # install into DIR and keep it (faster reruns)
#
# TYPESCRIPT_VERSION pins typescript (default 7.0.2); PYTHONS lists the
# interpreters that check the Python (default python3), for instance
# PYTHONS="python3.9 python3.13". usage.ts and check_py.py replay the bodies
# of tests/sdk/bodies.json. Needs node, npm and the npm registry. Exits
# non-zero when the install or a check fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=$(cd "$here/../data" && pwd)
bodies=$(cd "$here/../sdk" && pwd)/bodies.json
ts_version=${TYPESCRIPT_VERSION:-7.0.2}
read -r -a pythons <<<"${PYTHONS:-python3}"

if [[ $# -ge 1 ]]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/clients-check.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi

for tool in node npm "${pythons[@]}"; do
    command -v "$tool" >/dev/null || { echo "clients: $tool is not installed" >&2; exit 1; }
done

# shellcheck source=../support/step.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/step.sh"

started=$SECONDS

step "npm install typescript@$ts_version" \
    npm install --prefix "$work/node" --no-audit --no-fund --loglevel=error "typescript@$ts_version"
tsc=$work/node/node_modules/.bin/tsc

rm -rf "$work/ts"
mkdir -p "$work/ts/js"
cp "$data"/phala-catalog.ts "$data"/edges-catalog.ts "$data"/empty-catalog.ts "$here/usage.ts" "$work/ts/"
node -e '
const fs = require("fs");
const formats = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).formats;
const records = Object.values(formats).flat().map(({ name, status, content_type, raw }) => ({ name, status, content_type, raw }));
fs.writeFileSync(process.argv[2], "// Written by tests/clients/run.sh from tests/sdk/bodies.json.\n" +
    "export const RECORDS: readonly { name: string; status: number; content_type: string; raw: string }[] = " +
    JSON.stringify(records, null, 2) + ";\n");
' "$bodies" "$work/ts/bodies.ts"
# The emitted usage.js and its imports are CommonJS, whatever a package.json
# above the work directory says.
echo '{"type": "commonjs"}' >"$work/ts/js/package.json"

status=0
check_alone() {
    local module
    for module in phala-catalog.ts edges-catalog.ts empty-catalog.ts; do
        "$tsc" --strict --noEmit "$work/ts/$module" || return 1
    done
}
step "tsc --strict --noEmit, each module alone" check_alone || status=1
# The modules need only ES5; usage.ts uses Object.values and Array.includes,
# which a typescript older than 6 does not assume without a target.
step "tsc --strict --noEmit usage.ts" "$tsc" --strict --noEmit --target es2020 "$work/ts/usage.ts" || status=1
step "usage.ts compiled and run by node" bash -c '
    "$1" --strict --target es2020 --module commonjs --outDir "$2/js" "$2/usage.ts" && node "$2/js/usage.js"
' _ "$tsc" "$work/ts" || status=1
for python in "${pythons[@]}"; do
    step "$python check_py.py" "$python" "$here/check_py.py" "$data" "$bodies" || status=1
done

echo "clients: $((SECONDS - started)) s in all, $([[ $status -eq 0 ]] && echo "tsc and python3 accept the generated modules" || echo "FAILED")"
exit "$status"
