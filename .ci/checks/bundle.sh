#!/usr/bin/env bash
# The airlock CLI end to end against the running suite, with real clients on both sides of the gap: upstreams are the
# Debian CNCF distribution registry (populated by skopeo from an OCI layout holding a Trivy-shaped DB) and
# python3 -m http.server (a Falco driver and an OpenSearch plugin), both on free loopback ports. The CLI jar creates a
# signed bundle, verifies it, refuses a tampered copy, imports it (dry run first, then twice: the second sends
# nothing), and curl, skopeo and the catalog API check what landed, byte for byte. With falco-index-service
# (AIRLOCK_FALCO_INDEX_URL) the upstream registry also holds a multi-platform Falco plugin (an OCI image index, pushed
# by skopeo --all), the driver goes through falco-index's validating driver API and the plugin to its /v2.
# Needs: java, docker-registry, skopeo, python3, curl, jq (openssl optional: checks the signature independently).
# Env: AIRLOCK_FILESERVER_URL, AIRLOCK_REGISTRY_URL, AIRLOCK_CATALOG_URL, AIRLOCK_FALCO_INDEX_URL (optional),
# AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CLI="${AIRLOCK_CLI_JAR:-$ROOT/cli/target/airlock.jar}"
FS="${AIRLOCK_FILESERVER_URL:?}"
REG="${AIRLOCK_REGISTRY_URL:?}"
CAT="${AIRLOCK_CATALOG_URL:-}"
FALCO="${AIRLOCK_FALCO_INDEX_URL:-}"
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
  if ! command -v "$tool" >/dev/null; then
    fail "$tool is installed"
    finish bundle
  fi
done
if [ ! -f "$CLI" ]; then
  fail "the CLI jar exists at $CLI (mvn -B package -pl cli -am)"
  finish bundle
fi
airlock() { java -Xmx128m -jar "$CLI" "$@"; }

# Unique names, so that re-runs and other checks never see each other's content.
RUN="$(date +%s)$RANDOM"
VER="2.$((RUN % 100000)).0"
PLUGIN="repository-s3-$VER.zip"
DRIVER_VERSION="9.$((RUN % 100000)).0+driver"
DRIVER="$DRIVER_VERSION/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"
DRIVER_URL_PATH="${DRIVER_VERSION/+/%2B}/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"
REPO="ci-bundle$((RUN % 100000))/trivy-db"
PLUGIN_REPO="ci-bundle$((RUN % 100000))/plugins/plugin/k8saudit"

# ---- upstream 1: the CNCF distribution registry, populated by skopeo from an OCI layout
UP_REG_PORT=$(free_port)
mkdir -p "$WORK/registry"
cat > "$WORK/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: 127.0.0.1:$UP_REG_PORT
YAML
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
check "upstream docker-registry answers on :$UP_REG_PORT" wait_http "http://127.0.0.1:$UP_REG_PORT/v2/" 200

mkdir -p "$WORK/db" "$WORK/layout/blobs/sha256"
head -c 1048576 /dev/urandom > "$WORK/db/trivy.db"
printf '{"Version":2,"NextUpdate":"2030-01-02T00:00:00Z","UpdatedAt":"2030-01-01T00:00:00Z","DownloadedAt":"2030-01-01T01:00:00Z"}' \
  > "$WORK/db/metadata.json"
tar -C "$WORK/db" -czf "$WORK/db.tar.gz" trivy.db metadata.json
LAYER=$(sha "$WORK/db.tar.gz")
cp "$WORK/db.tar.gz" "$WORK/layout/blobs/sha256/$LAYER"
printf '{}' > "$WORK/config.json"
CONFIG=$(sha "$WORK/config.json")
cp "$WORK/config.json" "$WORK/layout/blobs/sha256/$CONFIG"
cat > "$WORK/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.aquasec.trivy.config.v1+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:$CONFIG","size":2},"layers":[{"mediaType":"application/vnd.aquasec.trivy.db.layer.v1.tar+gzip","digest":"sha256:$LAYER","size":$(stat -c%s "$WORK/db.tar.gz"),"annotations":{"org.opencontainers.image.title":"db.tar.gz"}}]}
JSON
MANIFEST=$(sha "$WORK/manifest.json")
cp "$WORK/manifest.json" "$WORK/layout/blobs/sha256/$MANIFEST"
printf '{"imageLayoutVersion":"1.0.0"}' > "$WORK/layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"2"}}]}' \
  "$MANIFEST" "$(stat -c%s "$WORK/manifest.json")" > "$WORK/layout/index.json"
check "skopeo copies the Trivy-shaped DB into the upstream registry" \
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout:2" "docker://127.0.0.1:$UP_REG_PORT/$REPO:2"

# a Falco plugin as Falco publishes it: an OCI image index with a linux/amd64 and a linux/arm64 manifest
if [ -n "$FALCO" ]; then
  P="$WORK/plugin-layout"
  mkdir -p "$P/blobs/sha256"
  blob() { local h; h=$(sha "$1"); cp "$1" "$P/blobs/sha256/$h"; echo "$h"; }
  printf '{"name":"k8saudit","version":"0.7.0","dependencies":[],"requirements":[{"name":"plugin_api_version","version":"3.0.0"}]}' > "$WORK/plugin-config.json"
  PCONFIG=$(blob "$WORK/plugin-config.json")
  PLATFORMS=""
  for arch in amd64 arm64; do
    head -c 300000 /dev/urandom > "$WORK/plugin-$arch.tar.gz"
    L=$(blob "$WORK/plugin-$arch.tar.gz")
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.cncf.falco.plugin.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.cncf.falco.plugin.layer.v1+tar.gz","digest":"sha256:%s","size":300000,"annotations":{"org.opencontainers.image.title":"k8saudit-%s.tar.gz"}}]}' \
      "$PCONFIG" "$(stat -c%s "$WORK/plugin-config.json")" "$L" "$arch" > "$WORK/plugin-$arch.json"
    M=$(blob "$WORK/plugin-$arch.json")
    PLATFORMS="$PLATFORMS${PLATFORMS:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$M\",\"size\":$(stat -c%s "$WORK/plugin-$arch.json"),\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$PLATFORMS" > "$WORK/plugin-index.json"
  PINDEX=$(blob "$WORK/plugin-index.json")
  printf '{"imageLayoutVersion":"1.0.0"}' > "$P/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"0.7.0"}}]}' \
    "$PINDEX" "$(stat -c%s "$WORK/plugin-index.json")" > "$P/index.json"
  check "skopeo copies a multi-platform Falco plugin (an image index) into the upstream registry" \
    skopeo copy -q --all --dest-tls-verify=false "oci:$P:0.7.0" "docker://127.0.0.1:$UP_REG_PORT/$PLUGIN_REPO:0.7.0"
fi

# ---- upstream 2: python's HTTP server with a driver and a plugin (20 MiB, so progress and rates show)
UP_HTTP_PORT=$(free_port)
mkdir -p "$WORK/www/$DRIVER_VERSION/x86_64" "$WORK/www/repository-s3/$VER"
# a 64-bit little-endian relocatable ELF object for x86-64 (what falco-index-service's driver API accepts)
{ printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\001\000\076\000'; head -c 2000000 /dev/urandom; } > "$WORK/www/$DRIVER"
head -c 20971520 /dev/urandom > "$WORK/www/repository-s3/$VER/$PLUGIN"
(cd "$WORK/www" && exec python3 -m http.server "$UP_HTTP_PORT" --bind 127.0.0.1 > "$WORK/http.log" 2>&1) &
PIDS+=($!)
check "upstream http.server answers on :$UP_HTTP_PORT" wait_http "http://127.0.0.1:$UP_HTTP_PORT/$DRIVER_URL_PATH" 200

# ---- connected side: keys and a signed bundle
cat > "$WORK/bundle.yaml" <<YAML
name: airlock-ci-$RUN
trivy:
  registry: http://127.0.0.1:$UP_REG_PORT
  artifacts:
    - repository: $REPO
      tags: ["2"]
falco:
  driversUrl: http://127.0.0.1:$UP_HTTP_PORT
  drivers:
    - version: $DRIVER_VERSION
      arch: x86_64
      kernels:
        - {target: ubuntu-generic, release: 6.8.0-79-generic, version: "79"}
opensearch:
  pluginsUrl: http://127.0.0.1:$UP_HTTP_PORT
  versions: ["$VER"]
  plugins: [repository-s3]
YAML
ITEMS=3
if [ -n "$FALCO" ]; then
  python3 - "$WORK/bundle.yaml" "http://127.0.0.1:$UP_REG_PORT" "$PLUGIN_REPO" <<'PY'
import sys
p, registry, repo = sys.argv[1:4]
s = open(p).read().replace("falco:\n", "falco:\n  registry: %s\n  plugins:\n    - repository: %s\n      tags: [\"0.7.0\"]\n" % (registry, repo), 1)
open(p, "w").write(s)
PY
  ITEMS=4
fi
B="$WORK/airlock-ci.tar"
check "airlock keys generate" airlock keys generate --out "$WORK/keys"
check "airlock bundle create" airlock bundle create --spec "$WORK/bundle.yaml" --out "$B" --key "$WORK/keys/private.pem"
check "the bundle starts with manifest.json and its signature" \
  bash -c "tar -tf '$B' | head -n 2 | tr '\n' ' ' | grep -qx 'manifest.json manifest.json.sig '"
if command -v openssl >/dev/null; then
  tar -xf "$B" -C "$WORK" manifest.json manifest.json.sig
  check "openssl verifies the Ed25519 signature of manifest.json" \
    openssl pkeyutl -verify -pubin -inkey "$WORK/keys/public.pem" -rawin -in "$WORK/manifest.json" -sigfile "$WORK/manifest.json.sig"
fi
check "airlock bundle verify" airlock bundle verify --bundle "$B" --key "$WORK/keys/public.pem"

IMPORT=(bundle import --key "$WORK/keys/public.pem" --fileserver "$FS" --registry "$REG"
  --user "$USER_NAME" --password "$PASS")
[ -n "$CAT" ] && IMPORT+=(--catalog "$CAT")
[ -n "$FALCO" ] && IMPORT+=(--falco-index-url "$FALCO")
# import BUNDLE OUT [more options]: runs the import with stdout in OUT, stderr in OUT.err; answers its exit code
import_to() {
  local bundle="$1" out="$2"; shift 2
  local rc=0
  airlock "${IMPORT[@]}" --bundle "$bundle" "$@" > "$out" 2> "$out.err" || rc=$?
  return "$rc"
}

# ---- a tampered copy is refused with one line naming the item, and nothing lands
cp "$B" "$WORK/tampered.tar"
OFFSET=$(python3 - "$WORK/tampered.tar" "$PLUGIN" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        if m.name.endswith(sys.argv[2]):
            print(m.offset_data + m.size // 2)
PY
)
printf 'X' | dd of="$WORK/tampered.tar" bs=1 seek="$OFFSET" conv=notrunc status=none
rc=0
import_to "$WORK/tampered.tar" "$WORK/tampered.out" || rc=$?
check "a changed byte is refused (exit 3)" test "$rc" -eq 3
check "the refusal is one line naming the item" \
  bash -c "[ \$(grep -c '^airlock:' '$WORK/tampered.out.err') -eq 1 ] && grep -q 'item $PLUGIN was changed' '$WORK/tampered.out.err'"
check "nothing was imported from the tampered bundle" \
  bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$FS/$PLUGIN') = 404 ] && [ \$(curl -s -o /dev/null -w '%{http_code}' '$FS/$DRIVER_URL_PATH') = 404 ]"

# ---- import: dry run, import, import again
check "airlock bundle import --dry-run" import_to "$B" "$WORK/dry.out" --dry-run
check "dry run: $ITEMS to add" grep -q "$ITEMS to add, 0 to replace, 0 already present" "$WORK/dry.out"
check "nothing changed by the dry run" test "$(status_of "$FS/$PLUGIN")" = 404
check "airlock bundle import" import_to "$B" "$WORK/import.out"
cat "$WORK/import.out"
check "import again" import_to "$B" "$WORK/again.out"
check "import again sends nothing" \
  grep -q "0 added, 0 replaced, $ITEMS already present; 0 blobs sent, 0 already in the registry; 0 B sent" "$WORK/again.out"

# ---- what landed, with real clients
curl -sf -o "$WORK/got-plugin" "$FS/$PLUGIN" || true
check "curl gets the plugin byte for byte" cmp -s "$WORK/got-plugin" "$WORK/www/repository-s3/$VER/$PLUGIN"
curl -sf -o "$WORK/got-driver" "$FS/$DRIVER_URL_PATH" || true
check "curl gets the driver (%2B path) byte for byte" cmp -s "$WORK/got-driver" "$WORK/www/$DRIVER"
REG_HOST="${REG#*://}"
check "skopeo pulls the imported DB from Airlock" \
  skopeo copy -q --src-tls-verify=false "docker://$REG_HOST/$REPO:2" "oci:$WORK/pulled:2"
check "the pulled DB layer is byte for byte the upstream one" cmp -s "$WORK/pulled/blobs/sha256/$LAYER" "$WORK/db.tar.gz"
check "the pulled manifest has the upstream digest" test -f "$WORK/pulled/blobs/sha256/$MANIFEST"
if [ -n "$CAT" ]; then
  check "the catalog records the bundle as the DB's source" bash -c \
    "curl -sf -u '$USER_NAME:$PASS' '$CAT/api/v1/versions?kind=trivy-db&digest=sha256:$MANIFEST' | jq -e 'any(.items[]; (.upstreamSource // \"\") | contains(\"(bundle airlock-ci-$RUN)\"))' >/dev/null"
  check "the catalog lists the $ITEMS versions the bundle brought (bundle field)" bash -c \
    "curl -sf -u '$USER_NAME:$PASS' '$CAT/api/v1/versions?bundle=airlock-ci-$RUN' | jq -e '.total == $ITEMS and all(.items[]; .bundle == \"airlock-ci-$RUN\")' >/dev/null"
fi
if [ -n "$FALCO" ]; then
  FALCO_HOST="${FALCO#*://}"
  check "falco-index-service lists the driver it validated" bash -c \
    "curl -sf '$FALCO/api/v1/drivers' | jq -e 'any(.[]; tostring | contains(\"$DRIVER_VERSION\"))' >/dev/null"
  check "skopeo pulls the imported plugin index with every platform from falco-index-service" \
    skopeo copy -q --all --src-tls-verify=false --src-creds "$USER_NAME:$PASS" \
      "docker://$FALCO_HOST/$PLUGIN_REPO:0.7.0" "oci:$WORK/pulled-plugin:0.7.0"
  check "the pulled index is byte for byte the upstream one" \
    cmp -s "$WORK/pulled-plugin/blobs/sha256/$PINDEX" "$WORK/plugin-index.json"
  check "the pulled arm64 layer is byte for byte the upstream one" \
    cmp -s "$WORK/pulled-plugin/blobs/sha256/$(sha "$WORK/plugin-arm64.tar.gz")" "$WORK/plugin-arm64.tar.gz"
fi

finish bundle
