#!/usr/bin/env bash
# Installs the wasm-bindgen CLI at exactly the version of the crate in Cargo.lock.
# `cargo install --locked` can fail when the crate's own lock file names a
# dependency version this machine's registry mirror lacks (seen: webpki-roots
# 1.0.11). Then the CLI is built from its published source with its lock file
# refreshed to versions the mirror has; the CLI version itself stays exact.
set -euo pipefail
version="$1"
if cargo install wasm-bindgen-cli --version "$version" --locked; then
  exit 0
fi
echo ">> Retrying with the CLI's dependencies resolved against this registry"
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$version" 2>/dev/null | head -n1)
if [ -z "$src" ]; then
  echo "wasm-bindgen-cli $version source not found in the cargo registry cache" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src" "$work/cli"
cd "$work/cli"
cargo update
cargo install --path . --locked --force
