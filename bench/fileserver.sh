#!/usr/bin/env bash
# Benchmark: Airlock's file server vs nginx, same file, same machine, same run (issue 3).
#  1. throughput: wrk downloads one 100 MiB file over keep-alive connections from each server, rounds interleaved;
#  2. herd: 200 concurrent downloads of a 1 GiB file from each, sampling the server's RSS.
# Airlock runs as packaged (filesystem store, the JVM options ./airlock uses); BACKEND=s3 runs it on a real S3 API
# server (s3proxy) instead, to measure the streaming path.
# Usage: bench/fileserver.sh   (env: DURATION=15 CONNECTIONS=8 ROUNDS=2 HERD=200 HERD_SECONDS=30 BACKEND=filesystem)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk nginx python3

DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-8}"
ROUNDS="${ROUNDS:-2}"
HERD="${HERD:-200}"
HERD_SECONDS="${HERD_SECONDS:-30}"
BACKEND="${BACKEND:-filesystem}"
WORK="$(mktemp -d /tmp/airlock-bench.XXXXXX)"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/www"

echo "# fileserver benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, backend=$BACKEND"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/www/bench-100m.bin"
head -c $((1024 * 1024 * 1024)) /dev/urandom > "$WORK/www/bench-1g.bin"

EXTRA_ENV=()
if [ "$BACKEND" = s3 ]; then
  S3_PORT="$(free_port)"
  mkdir -p "$WORK/s3data"
  cat > "$WORK/s3proxy.properties" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.identity=bench
jclouds.credential=bench-secret
jclouds.filesystem.basedir=$WORK/s3data
CONF
  S3_JAR="$(ls "$BENCH_ROOT"/libs/storage/target/test-servers/s3proxy.jar 2>/dev/null || ls ~/.m2/repository/org/gaul/s3proxy/*/s3proxy-*-jar-with-dependencies.jar | tail -n 1)"
  java -Xmx512m -jar "$S3_JAR" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
  BENCH_PIDS+=("$!")
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT" && break; sleep 0.5; done
  EXTRA_ENV=(AIRLOCK_STORAGE_BACKEND=s3 AIRLOCK_STORAGE_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
             AIRLOCK_STORAGE_S3_ACCESS_KEY=bench AIRLOCK_STORAGE_S3_SECRET_KEY=bench-secret)
fi

AIRLOCK_PORT="$(free_port)"
NGINX_PORT="$(free_port)"
start_service fileserver-service "$AIRLOCK_PORT" "$WORK/airlock" "${EXTRA_ENV[@]}"
AIRLOCK_PID="$SERVICE_PID"
start_nginx "$WORK/www" "$NGINX_PORT" "$WORK"
for f in bench-100m.bin bench-1g.bin; do
  curl -fsS -u admin:bench -T "$WORK/www/$f" -o /dev/null "http://127.0.0.1:$AIRLOCK_PORT/$f"
done
A_URL="http://127.0.0.1:$AIRLOCK_PORT/bench-100m.bin"
N_URL="http://127.0.0.1:$NGINX_PORT/bench-100m.bin"
cmp <(curl -fsS "$A_URL") "$WORK/www/bench-100m.bin" || { echo "Airlock served wrong bytes"; exit 1; }

echo "## throughput: 100 MiB file, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS interleaved rounds"
throughput_rounds throughput nginx "$N_URL" "$A_URL"

echo "## herd: $HERD concurrent downloads of a 1 GiB file for ${HERD_SECONDS}s, server RSS sampled every 0.25 s"
A1G="http://127.0.0.1:$AIRLOCK_PORT/bench-1g.bin"
N1G="http://127.0.0.1:$NGINX_PORT/bench-1g.bin"
BASE_RSS="$(ps -o rss= -p "$AIRLOCK_PID" | awk '{printf "%.0f", $1/1024}')"
sample_rss "$WORK/rss-airlock" "$AIRLOCK_PID" & SAMPLER=$!
read -r a_rps a_mbps _ < <(wrk_run "$A1G" "$HERD_SECONDS" "$HERD")
kill "$SAMPLER"
NGINX_PIDS="$(pgrep -f "nginx.*$WORK/nginx.conf" | tr '\n' ' ')"
sample_rss "$WORK/rss-nginx" $NGINX_PIDS & SAMPLER=$!
read -r n_rps n_mbps _ < <(wrk_run "$N1G" "$HERD_SECONDS" "$HERD")
kill "$SAMPLER"
echo "herd: airlock ${a_mbps} MiB/s, RSS idle ${BASE_RSS} MB, peak $(peak_mb "$WORK/rss-airlock") MB; nginx ${n_mbps} MiB/s, peak RSS (all workers) $(peak_mb "$WORK/rss-nginx") MB"
cmp <(curl -fsS "$A1G") "$WORK/www/bench-1g.bin" && echo "after the herd: a full 1 GiB download is byte-identical"
