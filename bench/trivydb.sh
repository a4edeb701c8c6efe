#!/usr/bin/env bash
# Benchmark: Airlock's trivydb-service vs the CNCF distribution registry (Debian docker-registry), same machine,
# same run (issue 4):
#  1. blob GET throughput: wrk downloads one 100 MiB blob over keep-alive connections from each registry;
#  2. manifest GET by tag, requests/s and p99 latency (Trivy's Accept list);
#  3. herd: HERD concurrent pulls of a Java-DB-sized blob (HERD_MB, default 700) from Airlock for HERD_SECONDS, cache
#     cold (the first fetch from object storage is inside the measurement): aggregate throughput, RSS peak of each
#     process, and bytes read from object storage (airlock_storage_backend_read_bytes_total, before/after) per blob
#     size and per byte served.
# Airlock runs as packaged with the JVM options bench/lib.sh uses. BACKEND=filesystem (default) stores in a directory;
# BACKEND=s3 runs Airlock production-like on a real S3 API server (s3proxy, its own JVM on the same cores) with the
# local cache of ADR 6. PEER_BACKEND (default: BACKEND) does the same for the distribution registry: its s3 driver on
# the same s3proxy (redirects off, so it serves the bytes itself, in-memory blob descriptor cache), or its filesystem
# driver (its best case).
# Usage: bench/trivydb.sh   (env: WARMUP=15 DURATION=15 CONNECTIONS=8 ROUNDS=2 HERD=200 HERD_MB=700 HERD_SECONDS=30
#                            BACKEND=filesystem|s3 PEER_BACKEND=filesystem|s3)
# Needs: java, curl, wrk, python3, docker-registry (apt-get install -y wrk docker-registry).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk python3 docker-registry
bench_command BACKEND PEER_BACKEND WARMUP DURATION CONNECTIONS ROUNDS HERD HERD_MB HERD_SECONDS AIRLOCK_JAVA_OPTS

DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-8}"
ROUNDS="${ROUNDS:-2}"
HERD="${HERD:-200}"
HERD_MB="${HERD_MB:-700}"
HERD_SECONDS="${HERD_SECONDS:-30}"
BACKEND="${BACKEND:-filesystem}"
PEER_BACKEND="${PEER_BACKEND:-$BACKEND}"
WORK="$(mktemp -d /tmp/airlock-bench-trivydb.XXXXXX)"
trap 'bench_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
ACCEPT="$OCI_ACCEPT"

echo "# trivydb benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, backend=$BACKEND, peer backend=$PEER_BACKEND"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/blob-100m"
head -c $((HERD_MB * 1024 * 1024)) /dev/urandom > "$WORK/blob-herd"
printf '{}' > "$WORK/config"

AIRLOCK_PORT="$(free_port)"
PEER_PORT="$(free_port)"
S3_ENV=()
if [ "$BACKEND" = s3 ] || [ "$PEER_BACKEND" = s3 ]; then
  start_s3proxy "$WORK"
fi
AIRLOCK_S3_ENV=()
[ "$BACKEND" = s3 ] && AIRLOCK_S3_ENV=("${S3_ENV[@]}")
start_service trivydb-service "$AIRLOCK_PORT" "$WORK/airlock" AIRLOCK_TRIVYDB_GC_ENABLED=false "${AIRLOCK_S3_ENV[@]}"
AIRLOCK_PID="$SERVICE_PID"
distribution_config "$PEER_BACKEND" "$WORK/registry" "$PEER_PORT" "${S3_PORT:-0}" > "$WORK/registry.yml"
[ "$PEER_BACKEND" = s3 ] && mkdir -p "$WORK/s3data/distribution"   # s3proxy's filesystem provider: a bucket is a directory
env -u AWS_CA_BUNDLE docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
PEER_PID=$!
BENCH_PIDS+=("$PEER_PID")
wait_http "http://127.0.0.1:$PEER_PORT/v2/" 60

A="http://127.0.0.1:$AIRLOCK_PORT"
P="http://127.0.0.1:$PEER_PORT"
A_BLOB="$(push_image "$A" bench/blobs 1 "$WORK/blob-100m" -u admin:bench)"
P_BLOB="$(push_image "$P" bench/blobs 1 "$WORK/blob-100m")"
cmp <(curl -fsS "$A/v2/bench/blobs/blobs/$A_BLOB") "$WORK/blob-100m" || { echo "Airlock served wrong bytes"; exit 1; }
cmp <(curl -fsS "$P/v2/bench/blobs/blobs/$P_BLOB") "$WORK/blob-100m" || { echo "the peer served wrong bytes"; exit 1; }

ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }

echo "## blob GET: 100 MiB blob, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS interleaved rounds"
throughput_rounds "blob GET" distribution "$P/v2/bench/blobs/blobs/$P_BLOB" "$A/v2/bench/blobs/blobs/$A_BLOB"
bench_row "blob GET, 100 MiB, wrk -c$CONNECTIONS, $ROUNDS × ${DURATION} s interleaved (MiB/s: mean, then every round)" \
  "$THR_PEER ($THR_PEER_ROUNDS)" "$THR_AIRLOCK ($THR_AIRLOCK_ROUNDS)" "$THR_RATIO ($THR_RATIO_ROUNDS; goal ≥ 1)"

echo "## manifest GET by tag: wrk -t2 -c$CONNECTIONS -d${DURATION}s with Trivy's Accept list, p99 from wrk --latency"
rps_rounds distribution "$P/v2/bench/blobs/manifests/1" "$A/v2/bench/blobs/manifests/1" -H "Accept: $ACCEPT"
echo "manifest GET: distribution $RPS_PEER req/s (mean p99 $P99_PEER ms), airlock $RPS_AIRLOCK req/s (mean p99 $P99_AIRLOCK ms)," \
  "ratio airlock/distribution $RPS_RATIO"
bench_row "manifest GET by tag, wrk -c$CONNECTIONS, Trivy's Accept list (req/s, mean; ratio of every round)" \
  "$RPS_PEER" "$RPS_AIRLOCK" "$RPS_RATIO ($RPS_RATIO_ROUNDS; goal ≥ 1)"
bench_row "same, p99 latency: mean of the rounds (worst round)" "$P99_PEER ms ($P99MAX_PEER)" \
  "$P99_AIRLOCK ms ($P99MAX_AIRLOCK)" "$(ratio "$P99_PEER" "$P99_AIRLOCK") (peer p99 / Airlock p99)"

echo "## herd: $HERD concurrent pulls of a $HERD_MB MiB blob for ${HERD_SECONDS}s, cache cold, RSS sampled every 0.25 s"
H_BLOB="$(push_image "$A" bench/herd 1 "$WORK/blob-herd" -u admin:bench)"
H_SIZE="$(stat -c %s "$WORK/blob-herd")"
BASE_RSS="$(rss_mb "$AIRLOCK_PID")"
READ_BEFORE="$(metric "$A" airlock_storage_backend_read_bytes_total)"
sample_rss "$WORK/rss-airlock" "$AIRLOCK_PID" & SAMPLER=$!
S3_SAMPLER=""
if [ "$BACKEND" = s3 ]; then sample_rss "$WORK/rss-s3proxy" "$S3PROXY_PID" & S3_SAMPLER=$!; fi
wrk_into fig "$A/v2/bench/herd/blobs/$H_BLOB" "$HERD_SECONDS" "$HERD"
h_mbps="${fig[1]}"; h_bytes="${fig[3]}"
kill "$SAMPLER" $S3_SAMPLER
READ_AFTER="$(metric "$A" airlock_storage_backend_read_bytes_total)"
H_PEAK="$(peak_mb "$WORK/rss-airlock")"
H_READ=$((READ_AFTER - READ_BEFORE))
H_PER_BLOB="$(python3 -c "print('%.2f' % ($H_READ / $H_SIZE))")"
H_PER_SERVED="$(python3 -c "print('%.4f' % ($H_READ / max($h_bytes, 1)))")"
H_COPIES="$(python3 -c "print('%.1f' % ($h_bytes / $H_SIZE))")"
echo "herd: airlock ${h_mbps} MiB/s aggregate, ${H_COPIES} blob sizes served; RSS before ${BASE_RSS} MB, peak ${H_PEAK} MB (goal < 300 MB)"
bench_row "herd: $HERD concurrent pulls of a $HERD_MB MiB blob, ${HERD_SECONDS} s, cache cold (aggregate MiB/s)" "—" \
  "$h_mbps (${H_COPIES} blob sizes served)" "—"
bench_row "herd: RSS before / peak (MB)" "—" "$BASE_RSS / $H_PEAK" "goal < 300 MB per service"
if [ "$BACKEND" = s3 ]; then
  echo "herd: read from object storage ${H_READ} bytes = ${H_PER_BLOB} × the blob size (goal < 2), ${H_PER_SERVED} per byte served"
  echo "herd: s3proxy RSS peak $(peak_mb "$WORK/rss-s3proxy") MB (the S3 server, not Airlock)"
  bench_row "herd: bytes read from object storage ÷ blob size (metric, before/after)" "—" \
    "$H_PER_BLOB ($H_READ bytes; $H_PER_SERVED per byte served)" "goal < 2"
  bench_row "herd: s3proxy RSS peak (MB, the S3 server)" "—" "$(peak_mb "$WORK/rss-s3proxy")" "—"
fi
cmp <(curl -fsS "$A/v2/bench/herd/blobs/$H_BLOB") "$WORK/blob-herd" && echo "after the herd: a full pull is byte-identical"
bench_summary "trivydb-service (backend $BACKEND) vs distribution (backend $PEER_BACKEND)" distribution
