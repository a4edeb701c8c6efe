#!/usr/bin/env bash
# Builds the four service images with Jib (Maven profile "images"), with no Docker engine: pushes each to REGISTRY
# and saves it as an OCI archive, target/images/<module>.tar, that skopeo, umoci, Podman or containerd take as is.
#   REGISTRY=127.0.0.1:5000 INSECURE=true deploy/images/build.sh
#   REGISTRY=harbor.example.internal GROUP=platform/airlock BASE_IMAGE=harbor.example.internal/base/jre17@sha256:... \
#     deploy/images/build.sh
# Environment: REGISTRY (required: the registry's <host>[:port]), GROUP (repository prefix, airlock), BASE_IMAGE (the JRE 17
# base; default: the parent pom's), INSECURE (true: plain HTTP or an untrusted certificate, for the base and the
# target registry), MODULES (default: all four), OUT (target/images), REVISION and SOURCE (OCI labels; default: git).
# Credentials for the registry come from the usual Docker config (~/.docker/config.json) or credential helpers.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${REGISTRY:?set REGISTRY to the registry to push to, e.g. 127.0.0.1:5000}"
MODULES="${MODULES:-fileserver-service falco-index-service trivydb-service catalog-service}"
GROUP="${GROUP:-airlock}"
OUT="${OUT:-target/images}"
INSECURE="${INSECURE:-false}"
REVISION="${REVISION:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}"
SOURCE="${SOURCE:-$(git remote get-url origin 2>/dev/null || sed -n "s/^home: *//p" deploy/helm/airlock/Chart.yaml)}"
mkdir -p "$OUT"

args=(-Pimages package -DskipTests -pl "$(echo "$MODULES" | tr ' ' ',')" -am
  -Dairlock.image.registry="$REGISTRY" -Dairlock.image.group="$GROUP"
  -Dquarkus.container-image.push=true -Dquarkus.container-image.insecure="$INSECURE"
  # OCI labels; Quarkus expands the ${...} per service.
  '-Dquarkus.container-image.labels."org.opencontainers.image.title"=airlock-${quarkus.application.name}'
  '-Dquarkus.container-image.labels."org.opencontainers.image.version"=${quarkus.application.version}'
  "-Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"=$REVISION"
  "-Dquarkus.container-image.labels.\"org.opencontainers.image.source\"=$SOURCE")
[ -n "${BASE_IMAGE:-}" ] && args+=(-Dairlock.image.base="$BASE_IMAGE")
mvn -B -q -Dstyle.color=never "${args[@]}"

version="$(python3 -c 'import sys,xml.etree.ElementTree as E; print(E.parse(sys.argv[1]).getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)' pom.xml)"
tls=(--src-tls-verify=true)
[ "$INSECURE" = true ] && tls=(--src-tls-verify=false)
for module in $MODULES; do
  ref="$REGISTRY/$GROUP/$module:$version"
  rm -f "$OUT/$module.tar"
  skopeo copy --quiet "${tls[@]}" "docker://$ref" "oci-archive:$OUT/$module.tar:$module:$version"
  echo "$ref $(skopeo inspect --format '{{.Digest}}' "oci-archive:$OUT/$module.tar") -> $OUT/$module.tar"
done
