#!/usr/bin/env bash
# Benchmark: Airlock's trivydb-service vs the CNCF distribution registry (Debian docker-registry), same machine,
# same run (issue 4):
#  1. blob GET throughput: wrk downloads one 100 MiB blob over keep-alive connections from each registry;
#  2. manifest GET by tag, requests/s (Trivy's Accept list);
#  3. herd: HERD concurrent pulls of a Java-DB-sized blob (HERD_MB, default 700) from Airlock, its RSS sampled.
# Both registries use a local filesystem store; Airlock runs as packaged with the JVM options bench/lib.sh uses.
# Usage: bench/trivydb.sh   (env: DURATION=15 CONNECTIONS=8 ROUNDS=2 HERD=100 HERD_MB=700 HERD_SECONDS=30)
# Needs: java, curl, wrk, python3, docker-registry (apt-get install -y wrk docker-registry).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk python3 docker-registry

DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-8}"
ROUNDS="${ROUNDS:-2}"
HERD="${HERD:-100}"
HERD_MB="${HERD_MB:-700}"
HERD_SECONDS="${HERD_SECONDS:-30}"
WORK="$(mktemp -d /tmp/airlock-bench-trivydb.XXXXXX)"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
ACCEPT="application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json"

echo "# trivydb benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/blob-100m"
head -c $((HERD_MB * 1024 * 1024)) /dev/urandom > "$WORK/blob-herd"
printf '{}' > "$WORK/config"

# push_blob base-url repo file [curl auth args...]: POST an upload, PUT the whole file; prints the digest
push_blob() {
  local base="$1" repo="$2" file="$3"
  shift 3
  local digest location sep
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location="$(curl -fsS "$@" -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" \
    | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  case "$location" in http*) ;; *) location="$base$location" ;; esac
  case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS "$@" -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$file" -o /dev/null \
    "$location${sep}digest=$digest"
  echo "$digest"
}

# push_image base-url repo tag layer-file [curl auth args...]: config + one Trivy DB layer + manifest
push_image() {
  local base="$1" repo="$2" tag="$3" layer="$4"
  shift 4
  local c l
  c="$(push_blob "$base" "$repo" "$WORK/config" "$@")"
  l="$(push_blob "$base" "$repo" "$layer" "$@")"
  cat > "$WORK/manifest-$tag.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.aquasec.trivy.config.v1+json","digest":"$c","size":2},"layers":[{"mediaType":"application/octet-stream","digest":"$l","size":$(stat -c %s "$layer")}]}
JSON
  curl -fsS "$@" -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary @"$WORK/manifest-$tag.json" -o /dev/null "$base/v2/$repo/manifests/$tag"
  echo "$l"
}

AIRLOCK_PORT="$(free_port)"
PEER_PORT="$(free_port)"
start_service trivydb-service "$AIRLOCK_PORT" "$WORK/airlock" AIRLOCK_TRIVYDB_GC_ENABLED=false
AIRLOCK_PID="$SERVICE_PID"
cat > "$WORK/registry.yml" <<CONF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $WORK/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PEER_PORT
CONF
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
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

echo "## manifest GET by tag: wrk -t2 -c$CONNECTIONS -d${DURATION}s with Trivy's Accept list"
wrk_manifest() { # base
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -H "Accept: $ACCEPT" "$1/v2/bench/blobs/manifests/1")"
  if grep -q 'Non-2xx' <<< "$out"; then echo "bench: non-2xx manifest answers" >&2; exit 1; fi
  sed -n 's/^Requests\/sec:[[:space:]]*//p' <<< "$out"
}
wrk_manifest "$A" > /dev/null   # warm-up
A_RPS=0; P_RPS=0
for r in $(seq 1 "$ROUNDS"); do
  p="$(wrk_manifest "$P")"; a="$(wrk_manifest "$A")"
  echo "round $r: distribution $p req/s, airlock $a req/s"
  A_RPS="$(python3 -c "print($A_RPS + $a)")"; P_RPS="$(python3 -c "print($P_RPS + $p)")"
done
echo "manifest GET: distribution $(python3 -c "print('%.0f' % ($P_RPS/$ROUNDS))") req/s," \
  "airlock $(python3 -c "print('%.0f' % ($A_RPS/$ROUNDS))") req/s, ratio airlock/distribution $(ratio "$A_RPS" "$P_RPS")"

echo "## herd: $HERD concurrent pulls of a $HERD_MB MiB blob for ${HERD_SECONDS}s, Airlock RSS sampled every 0.25 s"
H_BLOB="$(push_image "$A" bench/herd 1 "$WORK/blob-herd" -u admin:bench)"
BASE_RSS="$(ps -o rss= -p "$AIRLOCK_PID" | awk '{printf "%.0f", $1/1024}')"
sample_rss "$WORK/rss-airlock" "$AIRLOCK_PID" & SAMPLER=$!
read -r _ h_mbps _ < <(wrk_run "$A/v2/bench/herd/blobs/$H_BLOB" "$HERD_SECONDS" "$HERD")
kill "$SAMPLER"
echo "herd: airlock ${h_mbps} MiB/s aggregate, RSS before ${BASE_RSS} MB, peak $(peak_mb "$WORK/rss-airlock") MB (goal < 300 MB)"
