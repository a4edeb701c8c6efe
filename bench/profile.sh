#!/usr/bin/env bash
# Profiles one Airlock download path with JFR under wrk load (issue 9 item 4), so that a ratio below goal can be
# explained by where the time goes, not guessed.
#   SCENARIO=blob      trivydb-service, GET of a 100 MiB blob (wrk -c8)
#   SCENARIO=manifest  trivydb-service, GET of a manifest by tag with Trivy's Accept list (wrk -c8)
#   SCENARIO=file      fileserver-service, GET of a 100 MiB file (wrk -c8)
# BACKEND=s3 (default) runs Airlock on s3proxy with the local cache (ADR 6); BACKEND=filesystem on a directory.
# Prints the hottest methods (top frames of jdk.ExecutionSample and jdk.NativeMethodSample), the hottest Airlock
# frames anywhere on the stack; keeps the recording in OUT.
# JFR samples only threads running Java code, every SAMPLE_MS (default 2 ms here, 10 ms in JFR's "profile" settings);
# threads in sendfile or blocked on a socket show up as native samples. For CPU outside Java (JIT compiler threads,
# GC, the kernel) use perf: perf record -p <pid> during the load, perf report --sort comm,dso.
# Usage: SCENARIO=manifest bench/profile.sh   (env: DURATION=20 CONNECTIONS=8 BACKEND=s3 SAMPLE_MS=2
#                                              OUT=/tmp/airlock-<scenario>-<backend>.jfr)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk python3 jfr

SCENARIO="${SCENARIO:-blob}"
BACKEND="${BACKEND:-s3}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-8}"
OUT="${OUT:-/tmp/airlock-$SCENARIO-$BACKEND.jfr}"
SAMPLE_MS="${SAMPLE_MS:-2}"
WORK="$(mktemp -d /tmp/airlock-profile.XXXXXX)"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
ACCEPT="$OCI_ACCEPT"
# JFR's `view` command (JDK 21+) reads JDK 17 recordings; use the newest jfr installed.
JFR="$(ls /usr/lib/jvm/*/bin/jfr 2>/dev/null | sort -V | tail -n 1)"; JFR="${JFR:-jfr}"

head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/blob-100m"
printf '{}' > "$WORK/config"
S3_ENV=()
if [ "$BACKEND" = s3 ]; then start_s3proxy "$WORK"; fi
PORT="$(free_port)"
MODULE=trivydb-service
[ "$SCENARIO" = file ] && MODULE=fileserver-service
start_service "$MODULE" "$PORT" "$WORK/airlock" AIRLOCK_TRIVYDB_GC_ENABLED=false "${S3_ENV[@]}"
A="http://127.0.0.1:$PORT"
case "$SCENARIO" in
  file)
    curl -fsS -u admin:bench -T "$WORK/blob-100m" -o /dev/null "$A/bench-100m.bin"
    URL="$A/bench-100m.bin"; WRK_ARGS=() ;;
  blob|manifest)
    L="$(push_image "$A" bench/p 1 "$WORK/blob-100m" -u admin:bench)"
    if [ "$SCENARIO" = blob ]; then URL="$A/v2/bench/p/blobs/$L"; WRK_ARGS=()
    else URL="$A/v2/bench/p/manifests/1"; WRK_ARGS=(-H "Accept: $ACCEPT"); fi ;;
  *) echo "SCENARIO must be blob, manifest or file"; exit 2 ;;
esac
wrk_run "$URL" 5 "$CONNECTIONS" "${WRK_ARGS[@]}" > /dev/null   # warm-up: JIT, cache fill
JAVA_HOME_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
sed "/method-sampling-java-interval/s/[0-9]* ms/$SAMPLE_MS ms/" "$JAVA_HOME_DIR/lib/jfr/profile.jfc" > "$WORK/sampling.jfc"
jcmd "$SERVICE_PID" JFR.start name=bench settings="$WORK/sampling.jfc" filename="$OUT" > /dev/null
wrk_into fig "$URL" "$DURATION" "$CONNECTIONS" "${WRK_ARGS[@]}"
rps="${fig[0]}"; mbps="${fig[1]}"; p99="${fig[2]}"
jcmd "$SERVICE_PID" JFR.stop name=bench > /dev/null
echo "# $SCENARIO GET, backend=$BACKEND, wrk -c$CONNECTIONS ${DURATION}s: $rps req/s, $mbps MiB/s, p99 $p99 ms; recording $OUT"
echo "## hot methods (top frame of Java samples)"
"$JFR" view --width 160 hot-methods "$OUT" 2>/dev/null | head -n 25 || true
echo "## native methods (threads blocked in or running native code, e.g. sendfile, socket reads)"
"$JFR" print --events jdk.NativeMethodSample --stack-depth 1 "$OUT" | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|--' \
  | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -n 8
echo "## Airlock and storage frames anywhere on sampled stacks (inclusive samples)"
"$JFR" print --events jdk.ExecutionSample --stack-depth 64 "$OUT" \
  | grep -oE '(io\.airlock|io\.minio|okhttp3)[A-Za-z0-9_.$]*\.[A-Za-z0-9_$<>]+\(' | sort | uniq -c | sort -rn | head -n 20
