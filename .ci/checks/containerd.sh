#!/usr/bin/env bash
# Real client: containerd pulls every upstream's images through Airlock's registry as its one mirror, configured with
# the hosts.toml files the catalog generates, copied unchanged into a certs.d directory.
#   - builds small OCI layouts offline with python3: single-platform images for the local platform (real gzip tar
#     layers, so containerd can unpack them) and a two-platform index;
#   - skopeo copy --all pushes them under their upstream names (docker.io/library/..., docker.io/prometheus/...,
#     quay.io/prometheus/... with other content on the same path, registry.k8s.io/pause as an index);
#   - registers each in the catalog as a bundle import does (kind container-image);
#   - fetches GET /api/v1/config/containerd and each upstream's hosts.toml into certs.d;
#   - starts containerd as root with its own root, state, config and socket (no CRI, nothing else shared) and runs
#     `ctr images pull --hosts-dir` for each upstream name: containerd asks /v2/<path>/...?ns=<upstream>;
#   - checks digests, that the same path under two upstreams gives each its own content, the index digest with
#     --all-platforms, that an image not hosted fails the pull, and that `skopeo inspect --raw` is byte-identical to
#     what was pushed.
# Needs: root; containerd, ctr, skopeo, python3, jq, curl; AIRLOCK_REGISTRY_URL, AIRLOCK_CATALOG_URL,
# AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD; the catalog's registry settings naming that registry
# (AIRLOCK_CATALOG_WELKIN_REGISTRY_HOST=<host:port>, AIRLOCK_CATALOG_WELKIN_REGISTRY_INSECURE=true for plain HTTP:
# .ci/real-clients sets both).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

REGISTRY="${AIRLOCK_REGISTRY_URL:?set AIRLOCK_REGISTRY_URL}"
REGISTRY="${REGISTRY%/}"
REG_HOST="${REGISTRY#*://}"
CATALOG="${AIRLOCK_CATALOG_URL:?set AIRLOCK_CATALOG_URL}"
CATALOG="${CATALOG%/}"
CREDS="${AIRLOCK_ADMIN_USER:-admin}:${AIRLOCK_ADMIN_PASSWORD:?set AIRLOCK_ADMIN_PASSWORD}"
TAG="ci-$(date +%s)-$$"   # fresh tags per run: repositories are upstream names, the same every run

if [ "$(id -u)" -ne 0 ]; then
  fail "containerd needs root to start (it mounts and owns its root directory); run this check as root"
  finish containerd
fi
for tool in containerd ctr skopeo python3 jq curl; do
  command -v "$tool" >/dev/null || { fail "$tool is not installed"; finish containerd; }
done

WORK="$(mktemp -d /tmp/airlock-containerd.XXXXXX)"
CTRD_PID=""
cleanup() {
  if [ -n "$CTRD_PID" ]; then
    kill "$CTRD_PID" 2>/dev/null || true
    wait "$CTRD_PID" 2>/dev/null || true
  fi
  # containerd's native snapshots are plain directories; nothing stays mounted
  rm -rf "$WORK"
}
trap cleanup EXIT

case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64) ARCH=arm64 ;;
  *) ARCH="$(uname -m)" ;;
esac

# ---------------------------------------------------------------- fixtures: OCI layouts, offline
python3 - "$WORK" "$ARCH" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile

work, arch = sys.argv[1], sys.argv[2]
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
INDEX = "application/vnd.oci.image.index.v1+json"

def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()

def layer(files):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as t:
        for name, content in files:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = 1714544266
            t.addfile(info, io.BytesIO(content))
    tar = raw.getvalue()
    return tar, gzip.compress(tar, mtime=0)

def image(blobs, os_, arch_, text):
    """One platform's manifest: a config with the layer's diff_id (containerd checks it when it unpacks)."""
    tar, gz = layer([("etc/airlock-ci", text.encode())])
    config = json.dumps({"architecture": arch_, "os": os_, "config": {},
                         "rootfs": {"type": "layers", "diff_ids": [sha(tar)]}}, separators=(",", ":")).encode()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST,
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": sha(config), "size": len(config)},
                           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                       "digest": sha(gz), "size": len(gz)}]},
                          separators=(",", ":")).encode()
    blobs += [config, gz, manifest]
    return manifest, config, gz

def write(name, top, blobs, media_type, platforms):
    path = os.path.join(work, name)
    os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)
    for b in blobs:
        with open(os.path.join(path, "blobs", "sha256", sha(b)[7:]), "wb") as f:
            f.write(b)
    with open(os.path.join(path, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(path, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": INDEX,
                   "manifests": [{"mediaType": media_type, "digest": sha(top), "size": len(top),
                                  "annotations": {"org.opencontainers.image.ref.name": "ci"}}]}, f)
    # what the catalog registration needs: digest, media type, size of everything (each blob once), platforms
    with open(os.path.join(path, "facts.json"), "w") as f:
        json.dump({"digest": sha(top), "mediaType": media_type, "size": sum(len(b) for b in {sha(b): b for b in blobs}.values()),
                   "platforms": platforms}, f)

for name, text in [("hub-nginx", "docker.io nginx"), ("hub-prometheus", "docker.io prometheus"),
                   ("quay-prometheus", "quay.io prometheus")]:
    blobs = []
    manifest, _, _ = image(blobs, "linux", arch, text)
    write(name, manifest, blobs, MANIFEST, ["linux/" + arch])

blobs, entries = [], []
for a in ("amd64", "arm64"):
    manifest, _, _ = image(blobs, "linux", a, "pause " + a)
    entries.append({"mediaType": MANIFEST, "digest": sha(manifest), "size": len(manifest),
                    "platform": {"architecture": a, "os": "linux"}})
index = json.dumps({"schemaVersion": 2, "mediaType": INDEX, "manifests": entries}, separators=(",", ":")).encode()
blobs.append(index)
write("k8s-pause", index, blobs, INDEX, ["linux/amd64", "linux/arm64"])
PY

# layout -> upstream reference (the name containerd pulls), stored in the registry under the same full name
declare -A REFS=(
  [hub-nginx]="docker.io/library/nginx:$TAG"
  [hub-prometheus]="docker.io/prometheus/prometheus:$TAG"
  [quay-prometheus]="quay.io/prometheus/prometheus:$TAG"
  [k8s-pause]="registry.k8s.io/pause:$TAG"
)
fact() { jq -r ".$2" "$WORK/$1/facts.json"; }

# ---------------------------------------------------------------- push under upstream names, register
push_and_register() { # layout
  local layout="$1" ref="${REFS[$1]}" repo tag digest
  repo="${ref%:*}"
  tag="${ref##*:}"
  skopeo copy --quiet --all --dest-tls-verify=false --dest-creds "$CREDS" \
    "oci:$WORK/$layout:ci" "docker://$REG_HOST/$ref" || return 1
  digest="$(fact "$layout" digest)"
  curl -fsS -u "$CREDS" -H 'Content-Type: application/json' -X POST "$CATALOG/api/v1/versions" -d "$(jq -nc \
    --arg n "$repo:$tag" --arg t "$tag" --arg d "$digest" --argjson s "$(fact "$layout" size)" \
    --arg m "$(fact "$layout" mediaType)" --arg l "$REG_HOST/$repo@$digest" --arg u "$ref" \
    --argjson p "$(jq -c .platforms "$WORK/$layout/facts.json")" \
    '{kind:"container-image", name:$n, version:$t, digest:$d, size:$s, mediaType:$m, location:$l,
      upstreamSource:$u, platforms:$p}')" >/dev/null
}
for layout in hub-nginx hub-prometheus quay-prometheus k8s-pause; do
  check "skopeo copy --all pushes ${REFS[$layout]} under its upstream name and the catalog registers it" \
    push_and_register "$layout"
done

# ---------------------------------------------------------------- the generated configuration, unchanged
CERTS="$WORK/certs.d"
mkdir -p "$CERTS"
curl -fsS "$CATALOG/api/v1/config/containerd" >"$WORK/containerd.json"
MIRROR="$(jq -r .mirror "$WORK/containerd.json")"
if [ "${MIRROR#*://}" != "$REG_HOST" ]; then
  fail "the catalog's mirror is $MIRROR, not this registry ($REG_HOST): start the catalog with" \
    "AIRLOCK_CATALOG_WELKIN_REGISTRY_HOST=$REG_HOST AIRLOCK_CATALOG_WELKIN_REGISTRY_INSECURE=true"
  finish containerd
fi
for upstream in docker.io quay.io registry.k8s.io; do
  check "the catalog lists $upstream as an upstream in use" \
    jq -e --arg u "$upstream" '.upstreams | map(.upstream) | index($u) != null' "$WORK/containerd.json" >/dev/null
done
while read -r path url; do
  mkdir -p "$CERTS/$(dirname "$path")"
  curl -fsS "$url" -o "$CERTS/$path"
done < <(jq -r '.upstreams[] | "\(.path) \(.hostsToml)"' "$WORK/containerd.json")
check "docker.io's hosts.toml names Docker Hub's endpoint and the mirror over plain HTTP" \
  grep -qx "server = \"https://registry-1.docker.io\"" "$CERTS/docker.io/hosts.toml"
grep -qx "\[host.\"http://$REG_HOST\"\]" "$CERTS/docker.io/hosts.toml" || fail "docker.io hosts.toml has no http mirror"

# ---------------------------------------------------------------- containerd, on its own (.ci/lib.sh)
if ! start_containerd "$WORK/containerd"; then
  fail "containerd did not start"
  finish containerd
fi
SOCK="$CTRD_SOCK"
CTR=(ctr --address "$SOCK" --namespace airlock-ci)

pulled_digest() { # ref -> the digest containerd recorded for it
  "${CTR[@]}" images ls "name==$1" | awk 'NR == 2 { print $3 }'
}
pull() { # ref [ctr pull options...]; ctr resolves in its own process, so its --debug log shows the requests
  local ref="$1"
  shift
  timeout 120 "${CTR[@]}" --debug images pull --hosts-dir "$CERTS" --snapshotter native "$@" "$ref" \
    >"$WORK/pull.log" 2>&1 || { tail -n 20 "$WORK/pull.log"; return 1; }
  cat "$WORK/pull.log" >>"$WORK/pulls.log"
}
pulled_as_pushed() { # layout [ctr pull options...]
  local layout="$1"
  shift
  pull "${REFS[$layout]}" "$@" && [ "$(pulled_digest "${REFS[$layout]}")" = "$(fact "$layout" digest)" ]
}

check "ctr pulls (and unpacks) ${REFS[hub-nginx]} through the mirror with the pushed digest" \
  pulled_as_pushed hub-nginx
check "ctr pulls ${REFS[hub-prometheus]}: docker.io's content" pulled_as_pushed hub-prometheus
check "ctr pulls ${REFS[quay-prometheus]}: quay.io's own content on the same path" pulled_as_pushed quay-prometheus
check "the same path under two upstreams has two different images" \
  test "$(pulled_digest "${REFS[hub-prometheus]}")" != "$(pulled_digest "${REFS[quay-prometheus]}")"
check "ctr pulls the index ${REFS[k8s-pause]} with --all-platforms: the index digest" \
  pulled_as_pushed k8s-pause --all-platforms
check "both platforms of the index are in containerd's content store" bash -c '
  for m in $(jq -r ".manifests[].digest" "$1"); do "${@:2}" content ls -q | grep -qx "$m" || exit 1; done' _ \
  "$WORK/k8s-pause/blobs/sha256/$(fact k8s-pause digest | cut -c8-)" "${CTR[@]}"
check "containerd asked the mirror for the path with ?ns=<upstream> (ctr's debug log)" \
  grep -q "http://$REG_HOST/v2/pause/manifests/$TAG?ns=registry.k8s.io" "$WORK/pulls.log"

ABSENT="docker.io/library/airlock-not-hosted:$TAG"
not_hosted_fails() {
  ! timeout 120 "${CTR[@]}" images pull --hosts-dir "$CERTS" --snapshotter native "$ABSENT" >"$WORK/absent.log" 2>&1 \
    && [ -z "$(pulled_digest "$ABSENT")" ]
}
check "an image the mirror does not hold fails the pull (and nothing is recorded)" not_hosted_fails
echo "    (its error: $(tail -n 1 "$WORK/absent.log" | cut -c1-200))"

# ---------------------------------------------------------------- byte-identical manifests and index
identical() { # layout
  local layout="$1" digest
  digest="$(fact "$layout" digest)"
  skopeo inspect --raw --tls-verify=false "docker://$REG_HOST/${REFS[$layout]}" >"$WORK/$layout.raw" \
    && cmp -s "$WORK/$layout.raw" "$WORK/$layout/blobs/sha256/${digest#sha256:}"
}
for layout in hub-nginx quay-prometheus k8s-pause; do
  check "skopeo inspect --raw of ${REFS[$layout]} is byte-identical to what was pushed" identical "$layout"
done

finish containerd
