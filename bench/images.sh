#!/usr/bin/env bash
# Benchmark: container image reads the way containerd makes them through a mirror (issue 16), Airlock's
# trivydb-service vs the CNCF distribution registry (Debian docker-registry), same machine, same run:
#  1. manifest GET by tag with ?ns=docker.io and containerd's Accept list: Airlock maps the request to the upstream's
#     full name (docker.io/library/nginx); distribution ignores the parameter and serves library/nginx, which is how a
#     distribution mirror would have to be laid out (one upstream per registry). Requests/s and p99.
#  2. the same manifest by its full name without ns on Airlock (what CRI-O/Podman prefix mirrors ask), for the cost of
#     the mapping itself.
#  3. blob GET with ?ns=docker.io: throughput of one LAYER_MB layer over keep-alive connections.
# Airlock runs as packaged with the JVM options bench/lib.sh uses, storing in a directory; distribution on its
# filesystem driver (its best case).
# Usage: bench/images.sh   (env: WARMUP=15 DURATION=15 CONNECTIONS=8 ROUNDS=2 LAYER_MB=32 BENCH_PORTS=7100-7999)
# Needs: java, curl, wrk, python3, docker-registry (apt-get install -y wrk docker-registry).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk python3 docker-registry
bench_command WARMUP DURATION CONNECTIONS ROUNDS LAYER_MB BENCH_PORTS AIRLOCK_JAVA_OPTS

DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-8}"
ROUNDS="${ROUNDS:-2}"
LAYER_MB="${LAYER_MB:-32}"
WORK="$(mktemp -d /tmp/airlock-bench-images.XXXXXX)"
trap 'bench_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
# what containerd 1.6 sends when it resolves a tag
ACCEPT="application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, */*"

echo "# images benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
head -c $((LAYER_MB * 1024 * 1024)) /dev/urandom > "$WORK/layer"
printf '{}' > "$WORK/config"

AIRLOCK_PORT="$(free_port)"
PEER_PORT="$(free_port)"
start_service trivydb-service "$AIRLOCK_PORT" "$WORK/airlock" AIRLOCK_TRIVYDB_GC_ENABLED=false
distribution_config filesystem "$WORK/registry" "$PEER_PORT" 0 > "$WORK/registry.yml"
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
BENCH_PIDS+=("$!")
wait_http "http://127.0.0.1:$PEER_PORT/v2/" 60

A="http://127.0.0.1:$AIRLOCK_PORT"
P="http://127.0.0.1:$PEER_PORT"
# Airlock holds the image under its upstream's full name; distribution under the path containerd asks for
A_LAYER="$(push_image "$A" docker.io/library/nginx 1.25 "$WORK/layer" -u admin:bench)"
P_LAYER="$(push_image "$P" library/nginx 1.25 "$WORK/layer")"
NS="?ns=docker.io"
cmp <(curl -fsS "$A/v2/library/nginx/blobs/$A_LAYER$NS") "$WORK/layer" || { echo "Airlock served wrong bytes"; exit 1; }
cmp <(curl -fsS "$P/v2/library/nginx/blobs/$P_LAYER$NS") "$WORK/layer" || { echo "the peer served wrong bytes"; exit 1; }
[ "$(curl -fsS -H "Accept: $ACCEPT" "$A/v2/library/nginx/manifests/1.25$NS" | sha256sum)" = \
  "$(curl -fsS -H "Accept: $ACCEPT" "$A/v2/docker.io/library/nginx/manifests/1.25" | sha256sum)" ] \
  || { echo "ns and the full name gave different manifests"; exit 1; }

echo "## manifest GET by tag with $NS: wrk -t2 -c$CONNECTIONS -d${DURATION}s, containerd's Accept list, $ROUNDS rounds"
rps_rounds distribution "$P/v2/library/nginx/manifests/1.25$NS" "$A/v2/library/nginx/manifests/1.25$NS" \
  -H "Accept: $ACCEPT"
bench_row "manifest GET by tag, ?ns=docker.io, wrk -c$CONNECTIONS, containerd's Accept list (req/s, mean; ratio of every round)" \
  "$RPS_PEER" "$RPS_AIRLOCK" "$RPS_RATIO ($RPS_RATIO_ROUNDS; goal ≥ 1)"
bench_row "same, p99 latency: mean of the rounds (worst round)" "$P99_PEER ms ($P99MAX_PEER)" \
  "$P99_AIRLOCK ms ($P99MAX_AIRLOCK)" "$(python3 -c "print('%.2f' % ($P99_PEER / $P99_AIRLOCK))") (peer p99 / Airlock p99)"
NS_RPS="$RPS_AIRLOCK"

echo "## manifest GET by tag on Airlock, full name without ns (the mapping's own cost)"
fig=()
wrk_into fig "$A/v2/docker.io/library/nginx/manifests/1.25" "$DURATION" "$CONNECTIONS" -H "Accept: $ACCEPT"
echo "full name: ${fig[0]} req/s, p99 ${fig[2]} ms; with ns: $NS_RPS req/s"
bench_row "manifest GET by tag, full name /v2/docker.io/library/nginx without ns (Airlock only, one run)" "—" \
  "${fig[0]} req/s, p99 ${fig[2]} ms" "$(python3 -c "print('%.2f' % ($NS_RPS / ${fig[0]}))") (ns ÷ full name)"

echo "## blob GET with $NS: ${LAYER_MB} MiB layer, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS rounds"
throughput_rounds "blob GET" distribution "$P/v2/library/nginx/blobs/$P_LAYER$NS" "$A/v2/library/nginx/blobs/$A_LAYER$NS"
bench_row "blob GET, ${LAYER_MB} MiB layer, ?ns=docker.io, wrk -c$CONNECTIONS (MiB/s: mean, then every round)" \
  "$THR_PEER ($THR_PEER_ROUNDS)" "$THR_AIRLOCK ($THR_AIRLOCK_ROUNDS)" "$THR_RATIO ($THR_RATIO_ROUNDS; goal ≥ 1)"

bench_summary "image reads through the ns mapping: trivydb-service vs distribution, both on a local filesystem" distribution
