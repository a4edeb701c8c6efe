#!/usr/bin/env bash
# Issue 16: importing container images into Airlock's registry from a bundle (`airlock bundle import`) against
# `skopeo copy` of the same images from an OCI layout into the same kind of registry, in one run. IMAGES images
# (default 50), each a config, one layer of its own (OWN_KB) and a base layer shared by all (BASE_MB), written by the
# script into one OCI layout; the CNCF distribution registry serves them as the upstream the bundle is created from.
# Two fresh trivydb-service instances (same jar, options and store kind) receive the images: one from the bundle, one
# from skopeo (one `skopeo copy` per image, as an operator's loop does). Timed: the import, and the skopeo loop.
# Usage: bench/images-import.sh   (env: IMAGES=50 BASE_MB=8 OWN_KB=1024 BENCH_PORTS=7100-7999)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl python3 skopeo docker-registry
bench_command IMAGES BASE_MB OWN_KB BENCH_PORTS AIRLOCK_JAVA_OPTS

IMAGES="${IMAGES:-50}"
BASE_MB="${BASE_MB:-8}"
OWN_KB="${OWN_KB:-1024}"
CLI_JAR="$BENCH_ROOT/cli/target/airlock.jar"
[ -f "$CLI_JAR" ] || { echo "bench: build the cli first (mvn -B -o -pl cli -am package -DskipTests)"; exit 2; }
WORK="$(mktemp -d /tmp/airlock-bench-images.XXXXXX)"
trap 'bench_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
echo "# images import $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $IMAGES images, base $BASE_MB MiB shared, $OWN_KB KiB own"

# one OCI layout holding every image (tag benchNN), written directly (no image builder needed)
python3 - "$WORK/layout" "$IMAGES" "$BASE_MB" "$OWN_KB" <<'PY'
import hashlib, json, os, sys
root, n, base_mb, own_kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
blobs = os.path.join(root, "blobs", "sha256"); os.makedirs(blobs, exist_ok=True)
def blob(data):
    d = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, d), "wb") as f: f.write(data)
    return {"digest": "sha256:" + d, "size": len(data)}
base = blob(os.urandom(base_mb * 1024 * 1024))
manifests = []
for i in range(n):
    own = blob(os.urandom(own_kb * 1024))
    cfg = blob(json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []},
                           "config": {"Labels": {"n": str(i)}}}).encode())
    layer = "application/vnd.oci.image.layer.v1.tar+gzip"
    m = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
         "config": dict(cfg, mediaType="application/vnd.oci.image.config.v1+json"),
         "layers": [dict(base, mediaType=layer), dict(own, mediaType=layer)]}
    md = blob(json.dumps(m).encode())
    manifests.append(dict(md, mediaType=m["mediaType"],
                          annotations={"org.opencontainers.image.ref.name": "bench%02d" % i}))
json.dump({"imageLayoutVersion": "1.0.0"}, open(os.path.join(root, "oci-layout"), "w"))
json.dump({"schemaVersion": 2, "manifests": manifests}, open(os.path.join(root, "index.json"), "w"))
PY
LOGICAL_BYTES=$(( IMAGES * (BASE_MB * 1024 * 1024 + OWN_KB * 1024) ))

# the upstream: distribution, filled from the layout (not timed)
UP_PORT="$(free_port)"
mkdir -p "$WORK/upstream"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$WORK/upstream" "$UP_PORT" > "$WORK/upstream.yml"
docker-registry serve "$WORK/upstream.yml" > "$WORK/upstream.log" 2>&1 &
BENCH_PIDS+=($!)
wait_http "http://127.0.0.1:$UP_PORT/v2/" 30
: > "$WORK/images.txt"
for i in $(seq -f '%02g' 0 $((IMAGES - 1))); do
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout:bench$i" "docker://127.0.0.1:$UP_PORT/library/bench$i:1"
  echo "docker.io/library/bench$i:1" >> "$WORK/images.txt"
done
printf 'images:\n  registries:\n    docker.io: http://127.0.0.1:%s\n' "$UP_PORT" > "$WORK/bundle.yaml"
java -jar "$CLI_JAR" keys generate --out "$WORK/keys" > /dev/null
java -jar "$CLI_JAR" bundle create --spec "$WORK/bundle.yaml" --images "$WORK/images.txt" --out "$WORK/images.tar" \
  --key "$WORK/keys/private.pem" | tail -n 1
BUNDLE_BYTES=$(stat -c %s "$WORK/images.tar")

A_PORT="$(free_port)"; S_PORT="$(free_port)"
start_service trivydb-service "$A_PORT" "$WORK/airlock-target"
start_service trivydb-service "$S_PORT" "$WORK/skopeo-target"

t0=$(date +%s.%N)
java -jar "$CLI_JAR" bundle import --bundle "$WORK/images.tar" --key "$WORK/keys/public.pem" \
  --registry "http://127.0.0.1:$A_PORT" --password bench | tail -n 1
t1=$(date +%s.%N)
for i in $(seq -f '%02g' 0 $((IMAGES - 1))); do
  skopeo copy -q --dest-tls-verify=false --dest-creds admin:bench "oci:$WORK/layout:bench$i" \
    "docker://127.0.0.1:$S_PORT/docker.io/library/bench$i:1"
done
t2=$(date +%s.%N)

# both targets hold every image digest-exact
for i in 00 $(printf '%02d' $((IMAGES - 1))); do
  a=$(skopeo inspect --raw --tls-verify=false --creds admin:bench "docker://127.0.0.1:$A_PORT/docker.io/library/bench$i:1" | sha256sum)
  s=$(skopeo inspect --raw --tls-verify=false --creds admin:bench "docker://127.0.0.1:$S_PORT/docker.io/library/bench$i:1" | sha256sum)
  [ "$a" = "$s" ] || { echo "bench: bench$i differs between the targets"; exit 1; }
done

read -r A_S S_S A_RATE S_RATE A_IPS S_IPS RATIO < <(python3 - "$t0" "$t1" "$t2" "$LOGICAL_BYTES" "$IMAGES" <<'PY'
import sys
t0, t1, t2, b, n = map(float, sys.argv[1:])
a, s = t1 - t0, t2 - t1
print("%.1f %.1f %.0f %.0f %.1f %.1f %.2f" % (a, s, b / a / 2**20, b / s / 2**20, n / a, n / s, s / a))
PY
)
bench_row "$IMAGES images ($((LOGICAL_BYTES / 1048576)) MiB counted per image; bundle $((BUNDLE_BYTES / 1048576)) MiB), wall time" \
  "${S_S} s" "${A_S} s" "$RATIO (skopeo time / Airlock time)"
bench_row "same, images/s (MiB/s of image content)" "$S_IPS ($S_RATE)" "$A_IPS ($A_RATE)" "$RATIO"
bench_summary "bundle import vs skopeo copy loop into trivydb-service" "skopeo copy (one per image)"
