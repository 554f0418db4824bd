#!/usr/bin/env bash
# A newcomer's first build: a crate outside the workspace that depends on
# error-catalog as crates.io would serve it, and runs the README's quick
# start unchanged.
#
#   tests/newcomer/run.sh          # in a fresh temporary directory
#   tests/newcomer/run.sh DIR      # in DIR, kept (faster reruns)
#
# Packages error-catalog and error-catalog-macros (`cargo package`, the
# .crate files a publish would upload), unpacks them, and builds a new crate
# whose Cargo.toml and src/main.rs are the ```toml and ```rust blocks under
# "## Quick start" in README.md, taken as they are. `[patch.crates-io]` puts
# the unpacked packages where crates.io's would be; every other dependency
# is resolved afresh from crates.io, as for a user. Fails when the packaged
# README's quick start differs from README.md's, when the build resolves
# error-catalog from anywhere but the packages, or when the program fails.
# Needs cargo, tar, awk and crates.io.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if [[ $# -ge 1 ]]; then
    work=$(mkdir -p "$1" && cd "$1" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/newcomer.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi

fail() {
    echo "newcomer: $*" >&2
    exit 1
}

# Prints the body of the one ```LANG block under "## Quick start" in FILE;
# fails when there is none or more than one.
quick_start_block() {
    local file=$1 lang=$2
    awk -v fence="\`\`\`$lang" '
        !in_block && /^## / { in_section = ($0 == "## Quick start"); next }
        in_section && !in_block && $0 == fence { in_block = 1; found++; next }
        in_block && $0 == "```" { in_block = 0; next }
        in_block && found == 1 { print }
        END { exit found != 1 }
    ' "$file" || fail "$file: expected exactly one \`\`\`$lang block in its quick start"
}

started=$SECONDS

# --no-verify: the packages' own build is the CI step before this one; here
# the crates only need to exist. --allow-dirty: the script also checks a
# working tree before its commit.
rm -rf "$work/package" "$work/crates"
(cd "$repo" && cargo package -p error-catalog-macros -p error-catalog --no-verify --allow-dirty --quiet \
    --target-dir "$work/package")
mkdir -p "$work/crates"
for crate in "$work"/package/package/*.crate; do
    tar -xzf "$crate" -C "$work/crates"
done
core=$(find "$work/crates" -mindepth 1 -maxdepth 1 -type d -name 'error-catalog-[0-9]*')
macros=$(find "$work/crates" -mindepth 1 -maxdepth 1 -type d -name 'error-catalog-macros-[0-9]*')
[[ -d $core && -d $macros ]] || fail "cargo package did not write error-catalog and error-catalog-macros"

# One quick start: the packaged README (crates.io's page, and the doctests
# of error-catalog) must carry README.md's blocks byte for byte.
for lang in toml rust; do
    quick_start_block "$repo/README.md" "$lang" >"$work/quick-start.$lang"
    quick_start_block "$core/README.md" "$lang" >"$work/packaged-quick-start.$lang"
    diff -u --label README.md --label "error-core/README.md (packaged)" \
        "$work/quick-start.$lang" "$work/packaged-quick-start.$lang" ||
        fail "the \`\`\`$lang block of the quick start differs between README.md and error-core/README.md"
done

app="$work/app"
mkdir -p "$app/src"
{
    printf '[package]\nname = "newcomer"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
    cat "$work/quick-start.toml"
    printf '\n# What `cargo package` wrote, where crates.io will serve it.\n[patch.crates-io]\n'
    printf 'error-catalog = { path = "%s" }\n' "$core"
    printf 'error-catalog-macros = { path = "%s" }\n' "$macros"
    # Not a member of any workspace the directory happens to be in.
    printf '\n[workspace]\n'
} >"$app/Cargo.toml"
cp "$work/quick-start.rust" "$app/src/main.rs"

# A patch that does not match the requirement is ignored with a warning and
# the name is looked up on crates.io: make sure the packages were used.
(cd "$app" && cargo generate-lockfile --quiet)
for package in error-catalog error-catalog-macros; do
    id=$(cd "$app" && cargo pkgid "$package")
    [[ $id == "path+file://$work/crates/"* ]] || fail "$package resolved to $id, not to the package in $work/crates"
done

echo "newcomer: cargo run, the quick start of README.md against the packaged error-catalog"
(cd "$app" && cargo run --quiet) || fail "the quick start failed to build or run"
echo "newcomer: the quick start runs against the packaged crates ($((SECONDS - started)) s)"
