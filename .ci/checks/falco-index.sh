#!/usr/bin/env bash
# Real clients against a running falco-index-service and file server, the way an operator, the Falco driver loader
# and falcoctl use them: curl uploads a driver through the driver API and fetches it from the FILE SERVER by the exact
# %2B URL the loader builds (200, same bytes); a missing kernel is a plain 404; bad drivers are refused (400,
# problem+json); a downloaded driver tree imports as a tar stream; kernel coverage names the missing file; skopeo
# pushes a rulesfile artifact (from an OCI layout) to /v2 and pulls it back byte for byte; the generated
# /falcoctl/index.yaml parses as a YAML list with the keys falcoctl reads (python3 with PyYAML when installed, i.e.
# Debian's python3-yaml, else a small parser for the block style the service writes) and every entry resolves to a
# pullable manifest.
# Needs: AIRLOCK_FALCO_INDEX_URL (e.g. http://127.0.0.1:8081), AIRLOCK_FILESERVER_URL (http://127.0.0.1:8080),
#        AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD.
set -euo pipefail

FALCO="${AIRLOCK_FALCO_INDEX_URL:?set AIRLOCK_FALCO_INDEX_URL}"
FILES="${AIRLOCK_FILESERVER_URL:?set AIRLOCK_FILESERVER_URL}"
USER_PASS="${AIRLOCK_ADMIN_USER:-admin}:${AIRLOCK_ADMIN_PASSWORD:?set AIRLOCK_ADMIN_PASSWORD}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "$0")/../lib.sh"
fetch() { curl -s -o "$2" -w '%{http_code}' "$1" || true; } # url, file: prints the status

# A driver-shaped file: 64-bit little-endian relocatable ELF (ET_REL) for x86-64 (EM_X86_64 = 62 = 0x3e), then payload.
elf_x86_64() { { printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\001\000\076\000'; head -c "$1" /dev/urandom; } > "$2"; }

DV="8.1.0+driver"
DV_URL="8.1.0%2Bdriver"
KO="falco_ubuntu-generic_6.8.0-79-generic_79.ko"
elf_x86_64 1500000 "$WORK/driver.ko"

# --- upload through the driver API, download from the file server as the loader does
check "anonymous driver upload is refused (401)" \
  test "$(status_of -T "$WORK/driver.ko" "$FALCO/api/v1/drivers/$DV_URL/x86_64/$KO")" = 401
check "curl uploads a driver through the driver API (201 or 200)" \
  grep -qE '^(201|200)$' <<< "$(status_of -u "$USER_PASS" -T "$WORK/driver.ko" "$FALCO/api/v1/drivers/$DV_URL/x86_64/$KO")"
check "the file server answers 200 on the loader's %2B URL" \
  test "$(fetch "$FILES/$DV_URL/x86_64/$KO" "$WORK/driver.got")" = 200
check "  ... with the same bytes" test "$(sha "$WORK/driver.got")" = "$(sha "$WORK/driver.ko")"
check "the same driver is served for a raw '+'" \
  test "$(fetch "$FILES/$DV/x86_64/$KO" "$WORK/driver.raw")" = 200
check "  ... with the same bytes" test "$(sha "$WORK/driver.raw")" = "$(sha "$WORK/driver.ko")"

MISSING="$FILES/$DV_URL/x86_64/falco_ubuntu-generic_6.8.0-1-generic_1.ko"
check "a missing kernel's driver is a 404" test "$(status_of "$MISSING")" = 404
curl -s -o "$WORK/missing.body" -D "$WORK/missing.headers" "$MISSING" || true
check "  ... a plain one, not an HTML page" bash -c "! grep -qi '<html' '$WORK/missing.body' && ! grep -qi '^content-type: text/html' '$WORK/missing.headers'"

# --- refusals: nothing stored, an RFC 9457 problem
refused() { # description, url, file
  local code
  code="$(curl -s -o "$WORK/problem.json" -w '%{http_code}|%{content_type}' -u "$USER_PASS" -T "$3" "$2" || true)"
  check "$1 is refused (400 problem+json)" grep -q '^400|application/problem+json' <<< "$code"
}
refused "a malformed driver name" "$FALCO/api/v1/drivers/$DV_URL/x86_64/falco.ko" "$WORK/driver.ko"
refused "a name without kernel version" "$FALCO/api/v1/drivers/$DV_URL/x86_64/falco_ubuntu-generic_6.8.0-79-generic.ko" "$WORK/driver.ko"
refused "a wrong arch (amd64)" "$FALCO/api/v1/drivers/$DV_URL/amd64/$KO" "$WORK/driver.ko"
refused "a malformed driver version" "$FALCO/api/v1/drivers/8.1.0/x86_64/$KO" "$WORK/driver.ko"
refused "traversal in the name" "$FALCO/api/v1/drivers/$DV_URL/x86_64/..%2F..%2Fetc%2Fpasswd" "$WORK/driver.ko"
printf '<html><body>404 Not Found</body></html>' > "$WORK/page.html"
refused "content that is not an ELF object" "$FALCO/api/v1/drivers/$DV_URL/x86_64/falco_ubuntu-generic_6.8.0-80-generic_80.ko" "$WORK/page.html"
check "  ... and nothing was stored for it" \
  test "$(status_of "$FILES/$DV_URL/x86_64/falco_ubuntu-generic_6.8.0-80-generic_80.ko")" = 404

# --- bulk import of a tree laid out like the driver site
mkdir -p "$WORK/tree/$DV/x86_64"
elf_x86_64 300000 "$WORK/tree/$DV/x86_64/falco_debian_6.1.76-1-amd64_1.ko"
tar -C "$WORK/tree" -czf "$WORK/tree.tgz" .
check "a driver tree imports as a tar.gz stream" \
  test "$(curl -s -o "$WORK/import.json" -w '%{http_code}' -u "$USER_PASS" -H 'Content-Type: application/gzip' \
    --data-binary @"$WORK/tree.tgz" "$FALCO/api/v1/drivers/import" || true)" = 200
check "  ... and the imported driver is served by its %2B URL" \
  test "$(fetch "$FILES/$DV_URL/x86_64/falco_debian_6.1.76-1-amd64_1.ko" "$WORK/imported.ko")" = 200
check "  ... byte for byte" \
  test "$(sha "$WORK/imported.ko")" = "$(sha "$WORK/tree/$DV/x86_64/falco_debian_6.1.76-1-amd64_1.ko")"

# --- kernel coverage from kubectl's JSON
cat > "$WORK/nodes.json" <<'JSON'
{"apiVersion": "v1", "kind": "List", "items": [
 {"kind": "Node", "metadata": {"name": "ubuntu-ok"}, "status": {"nodeInfo": {"kernelVersion": "6.8.0-79-generic",
   "osImage": "Ubuntu 24.04.3 LTS", "architecture": "amd64"}}},
 {"kind": "Node", "metadata": {"name": "ubuntu-new"}, "status": {"nodeInfo": {"kernelVersion": "6.8.0-85-generic",
   "osImage": "Ubuntu 24.04.3 LTS", "architecture": "amd64"}}}]}
JSON
check "kubectl's node JSON is accepted for coverage" \
  test "$(curl -s -o "$WORK/coverage.json" -w '%{http_code}' -u "$USER_PASS" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/nodes.json" "$FALCO/api/v1/coverage?driverVersion=$DV_URL" || true)" = 200
check "  ... and names exactly the missing driver" python3 - "$WORK/coverage.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["missing"] == ["8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-85-generic_85.ko"], r["missing"]
PY
curl -s "$FALCO/q/metrics" > "$WORK/metrics.txt" || true
check "the missing-driver gauge is exported" grep -q '^airlock_falco_driver_missing_nodes{' "$WORK/metrics.txt"

# --- the falcoctl index, as falcoctl fetches it
cat > "$WORK/parse_index.py" <<'PY'
import sys
REQUIRED = ["name", "type", "registry", "repository", "description", "home", "keywords", "license",
            "maintainers", "sources"]
text = open(sys.argv[1], encoding="utf-8").read()
try:
    import yaml
    doc = yaml.safe_load(text)
except ImportError:  # no PyYAML: the block style the service writes (a list of mappings, 2-space keys)
    if text.strip() == "[]":
        doc = []
    else:
        doc, entry = [], None
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("- "):
                entry = {}
                doc.append(entry)
                line = "  " + line[2:]
            if entry is None:
                raise SystemExit("not a YAML list: " + line)
            if line.startswith("  ") and not line.startswith("   ") and ":" in line and not line.strip().startswith("-"):
                entry[line.strip().split(":", 1)[0]] = True
assert isinstance(doc, list), "index.yaml is not a top-level list"
for e in doc:
    missing = [k for k in REQUIRED if k not in e]
    assert not missing, "entry %r lacks %s" % (e.get("name"), missing)
    assert e.get("type") in (True, "rulesfile", "plugin", "asset"), e.get("type")
print("index.yaml: a list of %d entries" % len(doc))
PY
check "the file server serves /falcoctl/index.yaml (200)" test "$(fetch "$FILES/falcoctl/index.yaml" "$WORK/index.yaml")" = 200
check "  ... which parses as a YAML list with the keys falcoctl reads" python3 "$WORK/parse_index.py" "$WORK/index.yaml"
cat > "$WORK/upstream.yaml" <<'YAML'
- name: falco-rules
  type: rulesfile
  registry: ghcr.io
  repository: falcosecurity/rules/falco-rules
  description: Falco rules that are loaded by default
  home: https://github.com/falcosecurity/rules
  keywords: [falco-rules]
  license: apache-2.0
  maintainers: [{email: cncf-falco-dev@lists.cncf.io, name: The Falco Authors}]
  sources: [https://github.com/falcosecurity/rules]
  signature: {cosign: {certificate-oidc-issuer: https://token.actions.githubusercontent.com}}
YAML
check "an upstream index to mirror is accepted" \
  test "$(curl -s -o "$WORK/mirror.json" -w '%{http_code}' -u "$USER_PASS" -X PUT -H 'Content-Type: application/yaml' \
    --data-binary @"$WORK/upstream.yaml" "$FALCO/api/v1/index/upstream" || true)" = 200
check "  ... and its not-hosted entry is reported" \
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert "falco-rules" in [e["name"] for e in r["notHosted"]], r' "$WORK/mirror.json"
curl -s -o "$WORK/index2.yaml" "$FILES/falcoctl/index.yaml" || true
check "  ... and never appears in the generated index" bash -c "! grep -q 'falcosecurity/rules/falco-rules' '$WORK/index2.yaml' && ! grep -q 'ghcr.io' '$WORK/index2.yaml'"
check "the generated index still parses as falcoctl expects" python3 "$WORK/parse_index.py" "$WORK/index2.yaml"

# --- a rulesfile as an OCI artifact: skopeo pushes it from an OCI layout and pulls it back byte for byte
if command -v skopeo >/dev/null; then
  REPO="falcosecurity/rules/ci-rules"
  python3 - "$WORK/layout" <<'PY'
import hashlib, io, json, os, sys, tarfile
root = sys.argv[1]
os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
def blob(data):
    h = hashlib.sha256(data).hexdigest()
    open(os.path.join(root, "blobs", "sha256", h), "wb").write(data)
    return {"digest": "sha256:" + h, "size": len(data)}
rules = b"- rule: ci rule\n  desc: a rule pushed by the CI check\n  condition: evt.type = open\n  output: x\n  priority: INFO\n"
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz") as t:
    info = tarfile.TarInfo("ci_rules.yaml"); info.size = len(rules); t.addfile(info, io.BytesIO(rules))
layer = blob(buf.getvalue())
config = blob(json.dumps({"name": "ci-rules", "version": "0.1.0", "dependencies": [],
                          "requirements": [{"name": "engine_version_semver", "version": "0.31.0"}]}).encode())
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": dict(mediaType="application/vnd.cncf.falco.rulesfile.config.v1+json", **config),
    "layers": [dict(mediaType="application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
                    annotations={"org.opencontainers.image.title": "ci_rules.yaml.tar.gz"}, **layer)]}).encode()
m = blob(manifest)
json.dump({"schemaVersion": 2, "manifests": [dict(mediaType="application/vnd.oci.image.manifest.v1+json",
    annotations={"org.opencontainers.image.ref.name": "0.1.0"}, **m)]}, open(os.path.join(root, "index.json"), "w"))
json.dump({"imageLayoutVersion": "1.0.0"}, open(os.path.join(root, "oci-layout"), "w"))
PY
  REGISTRY="${FALCO#http://}"
  check "skopeo pushes a rulesfile artifact to /v2" \
    skopeo copy -q --dest-tls-verify=false --dest-creds "$USER_PASS" "oci:$WORK/layout:0.1.0" "docker://$REGISTRY/$REPO:0.1.0"
  check "  ... and its aliases answer (0.1, 0, latest)" bash -c \
    "for t in 0.1 0 latest; do [ \"\$(curl -s -o /dev/null -w '%{http_code}' -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' '$FALCO/v2/$REPO/manifests/'\$t)\" = 200 ] || exit 1; done"
  # with credentials: skopeo answers the ping's Basic challenge with an empty credential otherwise (falcoctl pulls
  # anonymously without one, which the tests cover)
  check "skopeo pulls it back" \
    skopeo copy -q --src-tls-verify=false --src-creds "$USER_PASS" "docker://$REGISTRY/$REPO:latest" "oci:$WORK/pulled:latest"
  check "  ... byte for byte (manifest, config and layer)" bash -c \
    "for f in '$WORK/layout/blobs/sha256/'*; do cmp -s \"\$f\" '$WORK/pulled/blobs/sha256/'\$(basename \"\$f\") || exit 1; done"
  curl -s -o "$WORK/index3.yaml" "$FILES/falcoctl/index.yaml" || true
  check "the generated index lists the pushed rulesfile" grep -q "repository: $REPO" "$WORK/index3.yaml"
  check "  ... and parses as falcoctl expects" python3 "$WORK/parse_index.py" "$WORK/index3.yaml"
  check "every index entry resolves to a pullable manifest" python3 - "$WORK/index3.yaml" "$FALCO" <<'PY'
import re, sys, urllib.request
text = open(sys.argv[1]).read()
entries = re.findall(r"^  registry: (\S+)\n  repository: (\S+)$", text, re.M)
assert entries, "no entries"
for registry, repository in entries:
    # the registry host is this installation's; fetch through the service URL the CI knows
    url = "%s/v2/%s/manifests/latest" % (sys.argv[2], repository)
    req = urllib.request.Request(url, method="HEAD", headers={"Accept": "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json"})
    with urllib.request.urlopen(req) as r:
        assert r.status == 200 and r.headers["Docker-Content-Digest"], (url, r.status)
print("%d entries pullable" % len(entries))
PY
else
  fail "skopeo is not installed (apt-get install skopeo)"
fi

finish falco-index
