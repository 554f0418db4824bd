#!/usr/bin/env bash
# Opens the HTML error index of the Phala catalog in headless Chromium
# (Debian's `chromium`, installed with apt when missing): every link between
# the pages resolves, the console shows no error, the search finds a code,
# and its link opens its page. See check.py. Screenshots of the index and of
# the page of ERR-01-005 go to docs/ (error-index.png, error-page.png), where
# the README shows them. The site that `error-catalog render --format html`
# writes from tests/data/phala-catalog.json is checked to be the same files.
#
#   tests/site/run.sh            # the site of `cargo run --example phala --features html -- --site DIR`
#   tests/site/run.sh SITE_DIR   # a site written already (error-catalog render --format html)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

if ! command -v chromium >/dev/null; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "site: chromium is not installed; run apt-get install chromium as root" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [[ $# -ge 1 ]]; then
    site=$1
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/site-check.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    site=$work/site
    (cd "$root" && cargo run --quiet --example phala --features html -- --site "$site")
    # The tool writes the same site from the JSON document alone.
    (cd "$root" && cargo run --quiet -p error-catalog --features cli --bin error-catalog -- \
        --catalog tests/data/phala-catalog.json render --format html --out "$work/from-json")
    diff -r "$site" "$work/from-json"
    echo "site: error-catalog render --format html writes the same $(find "$site" -type f | wc -l) files"
fi

python3 "$here/check.py" "$site" "$root/docs" ERR-01-005
