#!/usr/bin/env bash
# Compiles the committed catalog pages (tests/data/*.mdx: the Phala page and
# a catalog whose texts hold every character MDX gives a meaning to) and the
# committed pages of each code (tests/data/phala-pages/, rustc-pages/) and
# the built-in page of each catalog of tests/catalogs/ (tests/data/catalogs/) with
# MDX, and checks their tables: see check.mjs. Installs @mdx-js/mdx,
# remark-gfm and remark-frontmatter into a temporary directory.
#
#   tests/mdx/run.sh          # install into a fresh temporary directory
#   tests/mdx/run.sh DIR      # install into DIR and keep it (faster reruns)
#
# Needs node, npm and the npm registry. Exits non-zero when a page fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=$(cd "$here/../data" && pwd)

if [[ $# -ge 1 ]]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/mdx-check.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi

for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "mdx: $tool is not installed" >&2; exit 1; }
done

npm install --prefix "$work" --no-audit --no-fund --ignore-scripts --loglevel=error \
    @mdx-js/mdx@3.1.1 remark-gfm@4.0.1 remark-frontmatter@5.0.0
# ES modules resolve packages from the importing file's directory.
cp "$here/check.mjs" "$work/check.mjs"
node "$work/check.mjs" "$data"/*.mdx "$data"/catalogs/*.md "$data"/phala-pages/*.mdx "$data"/rustc-pages/error_codes/*.mdx
