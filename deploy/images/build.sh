#!/usr/bin/env bash
# Builds the four service images with Docker (or Podman: ENGINE=podman) on a machine that has an engine, then saves
# them as docker-archive tarballs that can be carried into the air gap. Run from anywhere; uses the repository root as
# the build context.
#   deploy/images/build.sh                      # all services, tag = project version
#   TAG=0.1.0 MODULES="fileserver-service" deploy/images/build.sh
# Environment: ENGINE (docker), REGISTRY (registry.air-gapped.internal/airlock), TAG (0.1.0-SNAPSHOT),
#              BASE_IMAGE (the Dockerfile's default), MODULES (all four), OUT (target/images), SKIP_MAVEN (unset).
set -euo pipefail
cd "$(dirname "$0")/../.."

ENGINE="${ENGINE:-docker}"
REGISTRY="${REGISTRY:-registry.air-gapped.internal/airlock}"
TAG="${TAG:-0.1.0-SNAPSHOT}"
MODULES="${MODULES:-fileserver-service falco-index-service trivydb-service catalog-service}"
OUT="${OUT:-target/images}"
mkdir -p "$OUT"

if [ -z "${SKIP_MAVEN:-}" ]; then
  mvn -B -q package -DskipTests -pl "$(echo "$MODULES" | tr ' ' ',')" -am
fi

for module in $MODULES; do
  test -f "$module/target/quarkus-app/quarkus-run.jar" || { echo "missing $module/target/quarkus-app: build it first" >&2; exit 1; }
  image="$REGISTRY/$module:$TAG"
  args=(--build-arg "MODULE=$module" --build-arg "VERSION=$TAG")
  [ -n "${BASE_IMAGE:-}" ] && args+=(--build-arg "BASE_IMAGE=$BASE_IMAGE")
  echo "== $image"
  "$ENGINE" build -f deploy/images/Dockerfile.jvm "${args[@]}" -t "$image" .
  "$ENGINE" save -o "$OUT/$module-$TAG.tar" "$image"
  echo "saved $OUT/$module-$TAG.tar"
done
