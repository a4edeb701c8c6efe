#!/usr/bin/env bash
# Container images across the gap against the running suite: two images sharing a base layer and a multi-platform
# index are written as an OCI layout, copied by skopeo (--all) into the Debian CNCF distribution registry as the
# upstream (named docker.io through the spec's registries override), carried by `airlock bundle create --images`,
# imported into Airlock's registry, and read back with skopeo under their upstream-named repositories: every manifest
# byte-identical. The catalog lists them as container-image.
# Needs: java, docker-registry, skopeo, python3, curl, jq.
# Env: AIRLOCK_REGISTRY_URL, AIRLOCK_CATALOG_URL (optional), AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CLI="${AIRLOCK_CLI_JAR:-$ROOT/cli/target/airlock.jar}"
REG="${AIRLOCK_REGISTRY_URL:?}"
CAT="${AIRLOCK_CATALOG_URL:-}"
USER_NAME="${AIRLOCK_ADMIN_USER:-admin}"
PASS="${AIRLOCK_ADMIN_PASSWORD:?}"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
for tool in java docker-registry skopeo python3 curl jq; do
  command -v "$tool" >/dev/null || { fail "$tool is installed"; finish image-bundle; }
done
[ -f "$CLI" ] || { fail "the CLI jar exists at $CLI"; finish image-bundle; }
airlock() { java -Xmx128m -jar "$CLI" "$@"; }
RUN="ci$(date +%s)$RANDOM"

UP_PORT=$(free_port)
mkdir -p "$WORK/registry"
printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$WORK/registry" "$UP_PORT" > "$WORK/registry.yml"
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
check "upstream docker-registry answers" wait_http "http://127.0.0.1:$UP_PORT/v2/" 200

python3 - "$WORK/layout" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]; blobs = os.path.join(root, "blobs", "sha256"); os.makedirs(blobs)
def blob(data, mt):
    d = hashlib.sha256(data).hexdigest(); open(os.path.join(blobs, d), "wb").write(data)
    return {"mediaType": mt, "digest": "sha256:" + d, "size": len(data)}
L = "application/vnd.oci.image.layer.v1.tar+gzip"; M = "application/vnd.oci.image.manifest.v1+json"
base = blob(os.urandom(2 << 20), L)
def image(arch, extra):
    cfg = blob(json.dumps({"architecture": arch, "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode(),
               "application/vnd.oci.image.config.v1+json")
    m = {"schemaVersion": 2, "mediaType": M, "config": cfg, "layers": [base, blob(os.urandom(extra), L)]}
    return blob(json.dumps(m).encode(), M)
a, b = image("amd64", 300000), image("amd64", 200000)
amd, arm = image("amd64", 100000), image("arm64", 90000)
amd["platform"] = {"os": "linux", "architecture": "amd64"}; arm["platform"] = {"os": "linux", "architecture": "arm64"}
idx = blob(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                       "manifests": [amd, arm]}).encode(), "application/vnd.oci.image.index.v1+json")
def tag(d, t): return dict(d, annotations={"org.opencontainers.image.ref.name": t})
json.dump({"imageLayoutVersion": "1.0.0"}, open(os.path.join(root, "oci-layout"), "w"))
json.dump({"schemaVersion": 2, "manifests": [tag(a, "a"), tag(b, "b"), tag(idx, "multi")]},
          open(os.path.join(root, "index.json"), "w"))
PY
for t in a b multi; do
  skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/layout:$t" "docker://127.0.0.1:$UP_PORT/$RUN/$t:1"
done
printf '# images the cluster runs\ndocker.io/%s/a:1\n%s/b:1\nindex.docker.io/%s/multi:1\n' "$RUN" "$RUN" "$RUN" > "$WORK/images.txt"
printf 'images:\n  registries:\n    docker.io: http://127.0.0.1:%s\n' "$UP_PORT" > "$WORK/bundle.yaml"
airlock keys generate --out "$WORK/keys" > /dev/null
check "bundle create --images carries three images" \
  airlock bundle create --spec "$WORK/bundle.yaml" --images "$WORK/images.txt" --out "$WORK/images.tar" \
  --key "$WORK/keys/private.pem"
dups=$(tar -tf "$WORK/images.tar" | grep "/blobs/sha256/" | xargs -n1 basename | sort | uniq -d | wc -l)
check "each blob is in the bundle once, the base layer shared by four manifests too" test "$dups" = 0
IMPORT=(bundle import --bundle "$WORK/images.tar" --key "$WORK/keys/public.pem" --registry "$REG" --user "$USER_NAME"
  --password "$PASS")
[ -n "$CAT" ] && IMPORT+=(--catalog "$CAT")
check "bundle import pushes them" airlock "${IMPORT[@]}"
REG_HOST="${REG#*://}"
for t in a b multi; do
  up=$(skopeo inspect --raw --tls-verify=false "docker://127.0.0.1:$UP_PORT/$RUN/$t:1" | sha256sum)
  in=$(skopeo inspect --raw --tls-verify=false --creds "$USER_NAME:$PASS" "docker://$REG_HOST/docker.io/$RUN/$t:1" | sha256sum)
  check "skopeo reads docker.io/$RUN/$t:1 inside byte-identical" [ "$up" = "$in" ]
done
check "a second import sends nothing" bash -c "java -Xmx128m -jar '$CLI' $(printf '%q ' "${IMPORT[@]}") | grep -q '0 added, 0 replaced, 3 already present'"
if [ -n "$CAT" ]; then
  versions=$(curl -s -u "$USER_NAME:$PASS" "$CAT/api/v1/versions?kind=container-image&size=200")
  check "the catalog lists docker.io/$RUN/multi:1 as container-image at its digest" \
    grep -q "\"artifact\":\"docker.io/$RUN/multi:1\"" <<< "$versions"
  echo "catalog platforms of the index: $(jq -c "[.items[] | select(.artifact == \"docker.io/$RUN/multi:1\") | .platforms]" <<< "$versions")"
fi
finish image-bundle
