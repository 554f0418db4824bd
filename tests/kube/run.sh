#!/usr/bin/env bash
# The kube crate's client against the example's Kubernetes `Status`
# (tests/kube/src/lib.rs). Its own package and target directory, so the
# workspace's builds never compile kube. Needs cargo and crates.io.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
started=$SECONDS
cargo test --manifest-path "$here/Cargo.toml" --target-dir "${KUBE_CHECK_TARGET:-$here/../../target/kube-check}"
echo "kube: $((SECONDS - started)) s"
