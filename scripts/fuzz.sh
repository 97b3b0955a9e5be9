#!/usr/bin/env bash
# Runs every importer fuzz target (fuzz/fuzz_targets: docx, xlsx, csv, gift, aiken, units,
# moodle_xml) for a bounded time each and exits non-zero if any input crashes one (panic,
# abort, out of memory past the RSS limit, or a run slower than the timeout). Crashing inputs
# are kept under fuzz/artifacts/<target>/ to reproduce with `cargo fuzz run <target> <file>`.
#
#   scripts/fuzz.sh [seconds-per-target]     (default 20)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). cargo-fuzz passes nightly-only
# compiler flags (-Z sanitizer); on a stable toolchain RUSTC_BOOTSTRAP=1 lets it, or set
# FUZZ_TOOLCHAIN=nightly to use an installed nightly instead. FUZZ_SANITIZER (default
# address) may be "none" for a faster, uninstrumented-memory run.
set -euo pipefail

seconds="${1:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

toolchain=()
if [[ -n "${FUZZ_TOOLCHAIN:-}" ]]; then
    toolchain=("+$FUZZ_TOOLCHAIN")
else
    export RUSTC_BOOTSTRAP=1
fi
sanitizer="${FUZZ_SANITIZER:-address}"
# Its own target directory: the instrumented build shares nothing with the normal one.
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$root/fuzz/target}"

targets=(docx xlsx csv gift aiken units moodle_xml)
fixtures="$root/bankfile/tests/fixtures"
seeds_for() {
    case "$1" in
        docx) echo good.docx broken.docx empty.docx ;;
        xlsx | units) echo good.xlsx broken.xlsx errors.xlsx empty.xlsx ;;
        csv) echo good.csv ;;
        gift) echo good.gift broken.gift ;;
        aiken) echo good.aiken.txt broken.aiken.txt ;;
        moodle_xml) echo good.moodle.xml ;;
    esac
}

started=$(date +%s)
cargo "${toolchain[@]}" fuzz build --sanitizer "$sanitizer" 2>&1 | tail -n 3 || {
    echo "fuzz.sh: the fuzz targets did not build" >&2
    exit 2
}
echo "fuzz.sh: built in $(( $(date +%s) - started )) s"

failed=()
for target in "${targets[@]}"; do
    corpus="corpus/$target"
    mkdir -p "$corpus"
    for seed in $(seeds_for "$target"); do
        cp -n "$fixtures/$seed" "$corpus/" 2>/dev/null || true
    done
    echo "fuzz.sh: $target for ${seconds} s"
    # -rss_limit_mb: an import must stay far below this (bankfile promises 256 MiB of heap);
    # -max_len: inputs up to 1 MiB, enough to reach every limit that scales with the input.
    if ! cargo "${toolchain[@]}" fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
        -max_total_time="$seconds" -rss_limit_mb=1024 -malloc_limit_mb=512 -max_len=1048576 \
        -timeout=20 -print_final_stats=1 2>"$corpus.log"; then
        tail -n 40 "$corpus.log" >&2
        failed+=("$target")
    else
        grep -E "^stat::number_of_executed_units|^Done" "$corpus.log" | sed "s/^/fuzz.sh: $target: /" || true
    fi
done

if (( ${#failed[@]} )); then
    echo "fuzz.sh: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz.sh: no crash in ${#targets[@]} targets, ${seconds} s each"
