#!/usr/bin/env bash
# The chart's alerting rules checked with the real promtool (Debian package "prometheus"): the rules file that the
# chart's PrometheusRule wraps unchanged (deploy/helm/airlock/files/prometheus-rules.yaml; the chart tests in
# deploy/chart-tests assert the rendered PrometheusRule equals it) must parse, pass its unit tests (every alert silent,
# firing and resolved on sample series), have a unit test per alert, and the tests must notice a broken rule.
# Needs: promtool. No Airlock service, no cluster, no network.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

CHART="$(cd "$(dirname "$0")/../.." && pwd)/deploy/helm/airlock"
RULES="$CHART/files/prometheus-rules.yaml"
TESTS=("$CHART"/tests/*.yaml)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! command -v promtool >/dev/null; then
  fail "promtool is installed (apt-get install prometheus)"
  finish alert-rules
fi
echo "using $(promtool --version 2>&1 | head -n 1)"

check "promtool check rules: $(basename "$RULES")" promtool check rules "$RULES"
check "promtool test rules: ${TESTS[*]##*/}" promtool test rules "${TESTS[@]}"

# Every alert of the rules file has at least one unit test.
alerts=$(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\).*/\1/p' "$RULES" | sort -u)
tested=$(sed -n 's/^ *alertname: *\([A-Za-z0-9_]*\).*/\1/p' "${TESTS[@]}" | sort -u)
for alert in $alerts; do
  check "unit test exists for $alert" grep -qx "$alert" <<< "$tested"
done

# The tests must catch a broken rule: raise the stale threshold so AirlockArtifactStaleFromMetrics can never fire, and expect
# promtool test rules to fail on the copy.
mkdir -p "$WORK/files" "$WORK/tests"
sed 's/(airlock_artifact_stale) == 1$/(airlock_artifact_stale) == 2/' "$RULES" > "$WORK/files/prometheus-rules.yaml"
cp "${TESTS[@]}" "$WORK/tests/"
check "the mutated copy differs from the rules file" bash -c "! cmp -s '$RULES' '$WORK/files/prometheus-rules.yaml'"
check "promtool test rules fails on a broken AirlockArtifactStaleFromMetrics" \
  bash -c "! promtool test rules '$WORK'/tests/*.yaml > '$WORK/mutant.log' 2>&1"

finish alert-rules
