#!/usr/bin/env bash
# Benchmark: Airlock's file server vs nginx, same file, same machine, same run (issue 3).
#  1. throughput: wrk downloads one 100 MiB file over keep-alive connections from each server, ROUNDS interleaved
#     rounds (each round a same-run comparison), for each connection count in CONNECTIONS;
#  2. herd: 200 concurrent downloads of a 1 GiB file from each, sampling the server's RSS.
# Airlock runs as packaged (filesystem store, the JVM options ./airlock uses); BACKEND=s3 runs it on a real S3 API
# server (s3proxy, its own JVM on the same cores) with the local cache of ADR 6; the herd then also reports the bytes
# read from object storage (airlock_storage_backend_read_bytes_total, before/after) per file size.
# Usage: bench/fileserver.sh   (env: WARMUP=15 DURATION=15 CONNECTIONS="4 8" ROUNDS=3 HERD=200 HERD_SECONDS=30
#                               BACKEND=filesystem)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk nginx python3
bench_command BACKEND WARMUP DURATION CONNECTIONS ROUNDS HERD HERD_SECONDS AIRLOCK_JAVA_OPTS

DURATION="${DURATION:-15}"
CONNECTION_COUNTS="${CONNECTIONS:-4 8}"
ROUNDS="${ROUNDS:-3}"
HERD="${HERD:-200}"
HERD_SECONDS="${HERD_SECONDS:-30}"
BACKEND="${BACKEND:-filesystem}"
WORK="$(mktemp -d /tmp/airlock-bench.XXXXXX)"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/www"

echo "# fileserver benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, backend=$BACKEND"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/www/bench-100m.bin"
head -c $((1024 * 1024 * 1024)) /dev/urandom > "$WORK/www/bench-1g.bin"

S3_ENV=()
if [ "$BACKEND" = s3 ]; then
  start_s3proxy "$WORK"
fi

AIRLOCK_PORT="$(free_port)"
NGINX_PORT="$(free_port)"
start_service fileserver-service "$AIRLOCK_PORT" "$WORK/airlock" "${S3_ENV[@]}"
AIRLOCK_PID="$SERVICE_PID"
start_nginx "$WORK/www" "$NGINX_PORT" "$WORK"
for f in bench-100m.bin bench-1g.bin; do
  curl -fsS -u admin:bench -T "$WORK/www/$f" -o /dev/null "http://127.0.0.1:$AIRLOCK_PORT/$f"
done
A_URL="http://127.0.0.1:$AIRLOCK_PORT/bench-100m.bin"
N_URL="http://127.0.0.1:$NGINX_PORT/bench-100m.bin"
cmp <(curl -fsS "$A_URL") "$WORK/www/bench-100m.bin" || { echo "Airlock served wrong bytes"; exit 1; }

for CONNECTIONS in $CONNECTION_COUNTS; do
  echo "## throughput: 100 MiB file, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS interleaved rounds"
  throughput_rounds throughput nginx "$N_URL" "$A_URL"
  bench_row "100 MiB file, wrk -c$CONNECTIONS, $ROUNDS × ${DURATION} s interleaved (MiB/s: mean, then every round)" \
    "$THR_PEER ($THR_PEER_ROUNDS)" "$THR_AIRLOCK ($THR_AIRLOCK_ROUNDS)" "$THR_RATIO ($THR_RATIO_ROUNDS; goal ≥ 1 in each)"
done

echo "## herd: $HERD concurrent downloads of a 1 GiB file for ${HERD_SECONDS}s, server RSS sampled every 0.25 s"
A1G="http://127.0.0.1:$AIRLOCK_PORT/bench-1g.bin"
N1G="http://127.0.0.1:$NGINX_PORT/bench-1g.bin"
BASE_RSS="$(ps -o rss= -p "$AIRLOCK_PID" | awk '{printf "%.0f", $1/1024}')"
READ_BEFORE="$(metric "http://127.0.0.1:$AIRLOCK_PORT" airlock_storage_backend_read_bytes_total)"
sample_rss "$WORK/rss-airlock" "$AIRLOCK_PID" & SAMPLER=$!
wrk_into fig "$A1G" "$HERD_SECONDS" "$HERD"
a_mbps="${fig[1]}"; a_bytes="${fig[3]}"
kill "$SAMPLER"
READ_AFTER="$(metric "http://127.0.0.1:$AIRLOCK_PORT" airlock_storage_backend_read_bytes_total)"
NGINX_PIDS="$(nginx_pids "$WORK")"
sample_rss "$WORK/rss-nginx" $NGINX_PIDS & SAMPLER=$!
wrk_into fig "$N1G" "$HERD_SECONDS" "$HERD"
n_mbps="${fig[1]}"
kill "$SAMPLER"
echo "herd: airlock ${a_mbps} MiB/s, RSS idle ${BASE_RSS} MB, peak $(peak_mb "$WORK/rss-airlock") MB; nginx ${n_mbps} MiB/s, peak RSS (all workers) $(peak_mb "$WORK/rss-nginx") MB"
bench_row "herd: $HERD concurrent downloads of 1 GiB, ${HERD_SECONDS} s (aggregate MiB/s)" "$n_mbps" "$a_mbps" \
  "$(python3 -c "print('%.2f' % ($a_mbps / $n_mbps))")"
bench_row "herd: RSS idle / peak (MB; nginx: all workers)" "— / $(peak_mb "$WORK/rss-nginx")" \
  "$BASE_RSS / $(peak_mb "$WORK/rss-airlock")" "goal < 300 MB"
if [ "$BACKEND" = s3 ]; then
  H_READ=$((READ_AFTER - READ_BEFORE))
  echo "herd: read from object storage $H_READ bytes = $(python3 -c "print('%.2f' % ($H_READ / 1073741824))") × the file size (goal < 2), cache cold"
  bench_row "herd: bytes read from object storage ÷ file size (metric, before/after; cache cold)" "—" \
    "$(python3 -c "print('%.2f' % ($H_READ / 1073741824))") ($H_READ bytes; $(python3 -c "print('%.4f' % ($H_READ / max($a_bytes, 1)))") per byte served)" "goal < 2"
fi
cmp <(curl -fsS "$A1G") "$WORK/www/bench-1g.bin" && echo "after the herd: a full 1 GiB download is byte-identical"
bench_summary "fileserver-service vs nginx, backend=$BACKEND" nginx
