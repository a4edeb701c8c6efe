#!/usr/bin/env bash
# Real clients against a running trivydb-service (the OCI registry Trivy pulls its databases from):
#   - builds a tiny Trivy-DB-shaped OCI layout (db.tar.gz holding trivy.db and metadata.json, Trivy's media types)
#     and a multi-layer image layout, with python3;
#   - skopeo copies both into the registry with admin credentials and back out anonymously, and compares digests;
#   - checks that anonymous pushes are refused;
#   - pulls the way Trivy does, with curl: GET /v2/ (401 + Bearer challenge), token, manifest by tag with Trivy's
#     Accept list, the layer blob, then checks size and sha256;
#   - reads the recorded metadata at /api/v1/trivy/status.
# Needs: AIRLOCK_REGISTRY_URL (e.g. http://127.0.0.1:8082), AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD;
# skopeo, curl, jq, python3.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

URL="${AIRLOCK_REGISTRY_URL:?set AIRLOCK_REGISTRY_URL}"
URL="${URL%/}"
HOST="${URL#*://}"
CREDS="${AIRLOCK_ADMIN_USER:-admin}:${AIRLOCK_ADMIN_PASSWORD:?set AIRLOCK_ADMIN_PASSWORD}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RUN="r$(date +%s)$$"          # fresh repository names per run
DB_REPO="$RUN/aquasecurity/trivy-db"
IMAGE_REPO="$RUN/library/multi"

jq_true() { jq -e "$@" >/dev/null; }
layout_digest() { jq -r '.manifests[0].digest' "$1/index.json"; }

# ---------------------------------------------------------------- fixtures: two OCI layouts
python3 - "$WORK" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile, time

work = sys.argv[1]

def write_layout(path, ref, blobs, manifest_doc):
    os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)
    def put(data):
        d = hashlib.sha256(data).hexdigest()
        with open(os.path.join(path, "blobs", "sha256", d), "wb") as f:
            f.write(data)
        return "sha256:" + d
    for b in blobs:
        put(b)
    manifest = json.dumps(manifest_doc, separators=(",", ":")).encode()
    digest = put(manifest)
    with open(os.path.join(path, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(path, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                   "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest,
                                  "size": len(manifest),
                                  "annotations": {"org.opencontainers.image.ref.name": ref}}]}, f)

def desc(media_type, data, **annotations):
    d = {"mediaType": media_type, "digest": "sha256:" + hashlib.sha256(data).hexdigest(), "size": len(data)}
    if annotations:
        d["annotations"] = annotations
    return d

def tar_gz(files):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as t:
        for name, content in files:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = 1714544266
            t.addfile(info, io.BytesIO(content))
    return raw.getvalue(), gzip.compress(raw.getvalue(), mtime=0)

# A Trivy DB: config {}, one layer db.tar.gz = trivy.db + metadata.json, Trivy's exact media types.
now = int(time.time())
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
metadata = json.dumps({"Version": 2, "NextUpdate": iso(now + 86400), "UpdatedAt": iso(now - 3600),
                       "DownloadedAt": iso(now)}).encode()
_, db = tar_gz([("trivy.db", os.urandom(200_000)), ("metadata.json", metadata)])
config = b"{}"
write_layout(os.path.join(work, "trivy-db"), "2", [config, db], {
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "artifactType": "application/vnd.aquasec.trivy.config.v1+json",
    "config": desc("application/vnd.aquasec.trivy.config.v1+json", config),
    "layers": [desc("application/vnd.aquasec.trivy.db.layer.v1.tar+gzip", db,
                    **{"org.opencontainers.image.title": "db.tar.gz"})],
    "annotations": {"org.opencontainers.image.created": iso(now)}})
with open(os.path.join(work, "db.tar.gz"), "wb") as f:
    f.write(db)

# A runnable-looking multi-layer image: three gzip layers and a config whose diff_ids match them.
layers, diff_ids = [], []
for i in range(3):
    raw, gz = tar_gz([(f"layer{i}/file.bin", os.urandom(50_000 + i))])
    layers.append(gz)
    diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
image_config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/true"]},
                           "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
write_layout(os.path.join(work, "multi"), "1.0", [image_config] + layers, {
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": desc("application/vnd.oci.image.config.v1+json", image_config),
    "layers": [desc("application/vnd.oci.image.layer.v1.tar+gzip", l) for l in layers]})
PY

# ---------------------------------------------------------------- pushes
if skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-no-creds \
    oci:"$WORK/trivy-db":2 docker://"$HOST/$DB_REPO":anon > "$WORK/anon-push.log" 2>&1; then
  fail "anonymous push with skopeo is refused (it succeeded)"
elif grep -qiE 'unauthorized|authentication required|denied' "$WORK/anon-push.log"; then
  pass "anonymous push with skopeo is refused as unauthorized"
else
  fail "anonymous push with skopeo is refused as unauthorized: $(tail -n 1 "$WORK/anon-push.log")"
fi
ANON_STATUS="$(curl -s -o "$WORK/anon.json" -w '%{http_code}' -X POST "$URL/v2/$DB_REPO/blobs/uploads/")"
check "anonymous upload start answers 401 UNAUTHORIZED in OCI JSON" \
  bash -c "[ '$ANON_STATUS' = 401 ] && jq -e '.errors[0].code == \"UNAUTHORIZED\"' '$WORK/anon.json' >/dev/null"
check "wrong credentials are refused (401)" \
  test "$(status_of -u "admin:not-the-password" -X POST "$URL/v2/$DB_REPO/blobs/uploads/")" = 401

check "skopeo pushes the Trivy DB layout with admin credentials" \
  skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds "$CREDS" \
    oci:"$WORK/trivy-db":2 docker://"$HOST/$DB_REPO":2
check "skopeo pushes the multi-layer image layout" \
  skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds "$CREDS" \
    oci:"$WORK/multi":1.0 docker://"$HOST/$IMAGE_REPO":1.0

# ---------------------------------------------------------------- pulls back out with skopeo (anonymous)
check "skopeo pulls the Trivy DB back out anonymously" \
  skopeo --insecure-policy copy -q --src-tls-verify=false --src-no-creds \
    docker://"$HOST/$DB_REPO":2 oci:"$WORK/trivy-db.out":2
check "the Trivy DB round-trips with the same manifest digest" \
  test "$(layout_digest "$WORK/trivy-db.out")" = "$(layout_digest "$WORK/trivy-db")"
check "every blob of the Trivy DB round-trips byte for byte" \
  diff -r "$WORK/trivy-db/blobs" "$WORK/trivy-db.out/blobs"
check "skopeo pulls the multi-layer image back out" \
  skopeo --insecure-policy copy -q --src-tls-verify=false --src-no-creds \
    docker://"$HOST/$IMAGE_REPO":1.0 oci:"$WORK/multi.out":1.0
check "the multi-layer image round-trips with the same manifest digest" \
  test "$(layout_digest "$WORK/multi.out")" = "$(layout_digest "$WORK/multi")"
check "every blob of the multi-layer image round-trips byte for byte" \
  diff -r "$WORK/multi/blobs" "$WORK/multi.out/blobs"
INSPECT_DIGEST="$(skopeo inspect --tls-verify=false --no-creds docker://"$HOST/$IMAGE_REPO":1.0 2>/dev/null | jq -r .Digest || true)"
check "skopeo inspect reports the pushed digest" test "$INSPECT_DIGEST" = "$(layout_digest "$WORK/multi")"

# ---------------------------------------------------------------- pull the way Trivy does
PING_HEADERS="$(curl -s -D - -o /dev/null "$URL/v2/")"
check "GET /v2/ without credentials answers 401" grep -q '^HTTP/[0-9.]* 401' <<< "$PING_HEADERS"
REALM="$(grep -i '^www-authenticate:' <<< "$PING_HEADERS" | sed -n 's/.*realm="\([^"]*\)".*/\1/p' | tr -d '\r')"
SERVICE="$(grep -i '^www-authenticate:' <<< "$PING_HEADERS" | sed -n 's/.*service="\([^"]*\)".*/\1/p' | tr -d '\r')"
check "the challenge is Bearer with a realm" test -n "$REALM"
TOKEN="$(curl -fsS "$REALM?service=$SERVICE&scope=repository:$DB_REPO:pull" | jq -r '.token // .access_token')"
check "the token endpoint gives an anonymous pull token" test -n "$TOKEN" -a "$TOKEN" != null
check "GET /v2/ with the token answers 200" \
  test "$(status_of -H "Authorization: Bearer $TOKEN" "$URL/v2/")" = 200
ACCEPT="application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json"
MANIFEST_HEADERS="$(curl -fsS -D - -o "$WORK/manifest.json" -H "Authorization: Bearer $TOKEN" -H "Accept: $ACCEPT" \
  "$URL/v2/$DB_REPO/manifests/2" | tr -d '\r')"
check "the manifest by tag carries Docker-Content-Digest equal to its sha256" \
  test "$(grep -i '^docker-content-digest:' <<< "$MANIFEST_HEADERS" | cut -d' ' -f2)" = "sha256:$(sha "$WORK/manifest.json")"
check "the manifest carries its media type as Content-Type" \
  grep -qi '^content-type: application/vnd.oci.image.manifest.v1+json' <<< "$MANIFEST_HEADERS"
check "the manifest has exactly one layer of Trivy's media type" \
  jq_true '(.layers | length) == 1 and .layers[0].mediaType == "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip"' "$WORK/manifest.json"
LAYER_DIGEST="$(jq -r '.layers[0].digest' "$WORK/manifest.json")"
LAYER_SIZE="$(jq -r '.layers[0].size' "$WORK/manifest.json")"
curl -fsS -L -H "Authorization: Bearer $TOKEN" -o "$WORK/db.pulled" "$URL/v2/$DB_REPO/blobs/$LAYER_DIGEST"
check "the layer blob has the manifest's size" test "$(stat -c %s "$WORK/db.pulled")" = "$LAYER_SIZE"
check "the layer blob has the manifest's sha256" test "sha256:$(sha "$WORK/db.pulled")" = "$LAYER_DIGEST"
check "the layer is the db.tar.gz that was pushed" test "$(sha "$WORK/db.pulled")" = "$(sha "$WORK/db.tar.gz")"
check "the layer holds trivy.db and metadata.json" \
  bash -c "tar -tzf '$WORK/db.pulled' | grep -qx trivy.db && tar -tzf '$WORK/db.pulled' | grep -qx metadata.json"
check "anonymous pull without any token works too" \
  test "$(status_of -H "Accept: $ACCEPT" "$URL/v2/$DB_REPO/manifests/2")" = 200
check "an unknown tag answers 404 MANIFEST_UNKNOWN" \
  bash -c "curl -s '$URL/v2/$DB_REPO/manifests/nope' | jq -e '.errors[0].code == \"MANIFEST_UNKNOWN\"' >/dev/null"

# ---------------------------------------------------------------- what the registry learned
STATUS="$(curl -fsS "$URL/api/v1/trivy/status")"
check "the Trivy status lists the pushed DB with its metadata" \
  jq_true --arg repo "$DB_REPO" \
    '.repositories[] | select(.facts.repository == $repo) | .facts.version == 2 and .facts.updatedAt != null and .facts.nextUpdate != null and .stale == false' \
    <<< "$STATUS"
check "the freshness gauge is exported" \
  grep -qF "airlock_trivy_db_age_seconds{repository=\"$DB_REPO\"}" <<< "$(curl -fsS "$URL/q/metrics")"

finish trivydb
