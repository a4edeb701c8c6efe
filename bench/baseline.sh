#!/usr/bin/env bash
# Before/after in one run: the registry (trivydb-service) of a baseline build against this checkout's, side by side
# on the same s3proxy (BACKEND=s3, default) or each on its own directory (BACKEND=filesystem), same load, rounds
# interleaved: blob GET throughput (100 MiB) and manifest GET by tag (requests/s, p99). For a fix of issue 9 item 4:
# build the code before the fix in another directory (mvn -o package -DskipTests -pl libs/oci,libs/oci-rest,trivydb-service
# there) and point BASELINE at it.
# Usage: BASELINE=/tmp/airlock-before bench/baseline.sh   (env: WARMUP=15 DURATION=15 CONNECTIONS=8 ROUNDS=2 BACKEND=s3)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk python3
bench_command BASELINE BACKEND WARMUP DURATION CONNECTIONS ROUNDS AIRLOCK_JAVA_OPTS

BASELINE="${BASELINE:?set BASELINE to a checkout whose trivydb-service is packaged}"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-8}"
ROUNDS="${ROUNDS:-2}"
BACKEND="${BACKEND:-s3}"
WORK="$(mktemp -d /tmp/airlock-bench-baseline.XXXXXX)"
trap 'bench_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
[ -f "$BASELINE/trivydb-service/target/quarkus-app/quarkus-run.jar" ] || { echo "no packaged trivydb-service in $BASELINE"; exit 2; }

echo "# baseline vs this checkout $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, backend=$BACKEND, baseline $BASELINE"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/blob-100m"
printf '{}' > "$WORK/config"
S3_ENV=()
if [ "$BACKEND" = s3 ]; then start_s3proxy "$WORK"; fi
B_PORT="$(free_port)"; A_PORT="$(free_port)"
# each in its own bucket (and cache directory): neither sees the other's keys or cached files
AIRLOCK_BUILD="$BASELINE" start_service trivydb-service "$B_PORT" "$WORK/baseline" AIRLOCK_TRIVYDB_GC_ENABLED=false \
  "${S3_ENV[@]}" AIRLOCK_STORAGE_S3_BUCKET=baseline AIRLOCK_STORAGE_CACHE_DIR="$WORK/cache-baseline"
start_service trivydb-service "$A_PORT" "$WORK/current" AIRLOCK_TRIVYDB_GC_ENABLED=false \
  "${S3_ENV[@]}" AIRLOCK_STORAGE_S3_BUCKET=current AIRLOCK_STORAGE_CACHE_DIR="$WORK/cache-current"
B="http://127.0.0.1:$B_PORT"; A="http://127.0.0.1:$A_PORT"
B_BLOB="$(push_image "$B" bench/blobs 1 "$WORK/blob-100m" -u admin:bench)"
A_BLOB="$(push_image "$A" bench/blobs 1 "$WORK/blob-100m" -u admin:bench)"

echo "## blob GET: 100 MiB blob, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS interleaved rounds"
throughput_rounds "blob GET" baseline "$B/v2/bench/blobs/blobs/$B_BLOB" "$A/v2/bench/blobs/blobs/$A_BLOB"
bench_row "blob GET, 100 MiB, wrk -c$CONNECTIONS, $ROUNDS × ${DURATION} s interleaved (MiB/s)" \
  "$THR_PEER" "$THR_AIRLOCK" "$THR_RATIO"
echo "## manifest GET by tag: wrk -t2 -c$CONNECTIONS -d${DURATION}s with Trivy's Accept list"
rps_rounds baseline "$B/v2/bench/blobs/manifests/1" "$A/v2/bench/blobs/manifests/1" -H "Accept: $OCI_ACCEPT"
bench_row "manifest GET by tag, wrk -c$CONNECTIONS (req/s)" "$RPS_PEER" "$RPS_AIRLOCK" "$RPS_RATIO"
bench_row "same, p99 latency: mean of the rounds (worst round)" "$P99_PEER ms ($P99MAX_PEER)" "$P99_AIRLOCK ms ($P99MAX_AIRLOCK)" \
  "$(python3 -c "print('%.2f' % ($P99_PEER / $P99_AIRLOCK))") (before p99 / after p99)"
bench_summary "trivydb-service before/after, backend=$BACKEND" "before (baseline)"
