#!/usr/bin/env bash
# Answer-save benchmark against the release build, on a fresh database.
#   loadgen/run.sh sqlite   [loadgen flags, e.g. --contestants 200 --seconds 20 --think-ms 0]
#   loadgen/run.sh postgres [flags]   (PostgreSQL at $BENCH_PG, default postgres://postgres@127.0.0.1:5432)
#   BENCH_BIN=bank loadgen/run.sh sqlite [--questions 10000]   question import and bank search timings
#   BENCH_BIN=results loadgen/run.sh sqlite [--attempts 1000000]  a generated large contest: statistics, ranking, pages
# Needs `cargo leptos build --release` and `cargo build --release -p loadgen` first (`make bench-answers` does both).
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-sqlite}"; shift || true
target="${CARGO_TARGET_DIR:-target}"
data="$(mktemp -d)"
port="${BENCH_PORT:-3200}"
pg="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
case "$backend" in
  sqlite) url="sqlite://$data/bench.db?mode=rwc"; naive_url="sqlite://$data/naive.db?mode=rwc" ;;
  postgres)
    db="contest_bench_$$"
    psql "$pg/postgres" -qc "CREATE DATABASE $db"
    psql "$pg/postgres" -qc "CREATE DATABASE ${db}_naive"
    url="$pg/$db"; naive_url="$pg/${db}_naive" ;;
  *) echo "backend: sqlite or postgres" >&2; exit 2 ;;
esac
DATABASE_URL="$url" DATA_DIR="$data" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site \
  RUST_LOG=warn "$target/release/server" > "$data/server.log" 2>&1 &
pid=$!
# The answer benchmark also drives the two yardsticks of the same run (loadgen/src/bin/baseline.rs):
# a naive one-upsert-per-save server on the same backend, and a no-database ceiling.
baselines=()
extra=()
if [ "${BENCH_BIN:-loadgen}" = loadgen ]; then
  "$target/release/baseline" --mode naive --addr "127.0.0.1:$((port + 1))" --database-url "$naive_url" > "$data/naive.log" 2>&1 &
  baselines+=($!)
  "$target/release/baseline" --mode ceiling --addr "127.0.0.1:$((port + 2))" > "$data/ceiling.log" 2>&1 &
  baselines+=($!)
  extra=(--naive-url "http://127.0.0.1:$((port + 1))" --ceiling-url "http://127.0.0.1:$((port + 2))")
fi
cleanup() {
  kill "$pid" "${baselines[@]}" 2>/dev/null || true; wait "$pid" "${baselines[@]}" 2>/dev/null || true
  [ "$backend" = postgres ] && psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    && psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS ${db}_naive WITH (FORCE)" || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "server $pid on $backend ($(nproc) cores shared with the load generator)"
BENCH_DATA_DIR="$data" "$target/release/${BENCH_BIN:-loadgen}" --base-url "http://127.0.0.1:$port" --database-url "$url" --server-pid "$pid" "${extra[@]}" "$@"
