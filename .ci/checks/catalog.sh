#!/usr/bin/env bash
# Real-client end-to-end check of catalog-service: a real Prometheus scrapes the catalog, a real Alertmanager
# (Debian prometheus-alertmanager) receives the stale-artifact alert the catalog pushes within one evaluation
# interval of a freshness policy being exceeded, and sees it resolved after a fresh version is registered.
#
# Needs: bash, curl, jq, prometheus, prometheus-alertmanager (apt-get install -y prometheus prometheus-alertmanager
# curl jq). Starts Prometheus on a free loopback port and Alertmanager on the port the catalog was told about, and
# stops both (by PID) when done.
#
# THE CATALOG MUST ALREADY RUN, started with (intervals shortened by configuration only):
#
#   AIRLOCK_CATALOG_EVALUATION_INTERVAL=2s                      # how often policies are evaluated and alerts pushed
#   AIRLOCK_CATALOG_ALERTMANAGER_URLS=http://127.0.0.1:19093    # where this script starts Alertmanager
#   AIRLOCK_ADMIN_USER=admin AIRLOCK_ADMIN_PASSWORD=<secret>    # the same values as given to this script
#   AIRLOCK_DATA_DIR=<dir>                                      # optional: where the embedded PostgreSQL lives
#   (or QUARKUS_DATASOURCE_JDBC_URL/USERNAME/PASSWORD for a PostgreSQL server)
#   e.g. java -jar catalog-service/target/quarkus-app/quarkus-run.jar
#
# THIS SCRIPT READS:
#   AIRLOCK_CATALOG_URL                   the running catalog, e.g. http://127.0.0.1:8083 (required)
#   AIRLOCK_ADMIN_USER, AIRLOCK_ADMIN_PASSWORD   the admin credential (required)
#   AIRLOCK_CATALOG_ALERTMANAGER_URLS     as given to the catalog; the first URL's port is where Alertmanager is
#                                         started (default http://127.0.0.1:19093)
#   AIRLOCK_CATALOG_EVALUATION_INTERVAL   as given to the catalog, in seconds with an "s" (default 2s)
set -euo pipefail

log() { printf '%s catalog-check: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

: "${AIRLOCK_CATALOG_URL:?set AIRLOCK_CATALOG_URL to the running catalog, e.g. http://127.0.0.1:8083}"
: "${AIRLOCK_ADMIN_USER:?set AIRLOCK_ADMIN_USER}"
: "${AIRLOCK_ADMIN_PASSWORD:?set AIRLOCK_ADMIN_PASSWORD}"
AM_URL="${AIRLOCK_CATALOG_ALERTMANAGER_URLS:-http://127.0.0.1:19093}"
AM_URL="${AM_URL%%,*}"
AM_URL="${AM_URL%/}"
AM_PORT="${AM_URL##*:}"
INTERVAL="${AIRLOCK_CATALOG_EVALUATION_INTERVAL:-2s}"
[[ "$INTERVAL" =~ ^([0-9]+)[sS]$ ]] || fail "AIRLOCK_CATALOG_EVALUATION_INTERVAL must be seconds like 2s, got $INTERVAL"
INTERVAL_S="${BASH_REMATCH[1]}"
CATALOG="${AIRLOCK_CATALOG_URL%/}"
SLACK_S=4 # HTTP round trips and polling granularity on a busy CI machine

for tool in curl jq prometheus prometheus-alertmanager; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y prometheus prometheus-alertmanager curl jq)"
done

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # url name
  local i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  fail "$2 did not become ready at $1"
}
now_s() { date -u +%s; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
admin() { curl -fsS -u "$AIRLOCK_ADMIN_USER:$AIRLOCK_ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }

wait_ready "$CATALOG/q/health/ready" "the catalog"
curl -fsS -o /dev/null "$AM_URL/-/ready" 2>/dev/null && fail "something already listens on $AM_URL; stop it or set another port"

# --- Alertmanager, where the catalog pushes ---------------------------------------------------------------------
cat >"$WORK/alertmanager.yml" <<YAML
route:
  receiver: blackhole
  group_by: [alertname, artifact]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: blackhole
YAML
prometheus-alertmanager --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/am" \
  --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= >"$WORK/alertmanager.log" 2>&1 &
PIDS+=($!)
wait_ready "$AM_URL/-/ready" "Alertmanager"
log "Alertmanager $(prometheus-alertmanager --version 2>&1 | head -1 | cut -d' ' -f3) on $AM_URL"

# --- Prometheus, scraping the catalog ----------------------------------------------------------------------------
PROM_PORT="$(free_port)"
PROM="http://127.0.0.1:$PROM_PORT"
TARGET="${CATALOG#*://}"
TARGET="${TARGET%%/*}"
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: ${INTERVAL_S}s
  evaluation_interval: ${INTERVAL_S}s
scrape_configs:
  - job_name: airlock-catalog
    metrics_path: /q/metrics
    static_configs:
      - targets: ["$TARGET"]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prom" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
wait_ready "$PROM/-/ready" "Prometheus"
log "Prometheus on $PROM scraping $TARGET every ${INTERVAL_S}s"

prom_value() { # promql -> first sample value or empty
  curl -fsS --get "$PROM/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // empty'
}
am_alerts() { # artifact -> active alerts for it
  curl -fsS --get "$AM_URL/api/v2/alerts" --data-urlencode "active=true" --data-urlencode "filter=artifact=\"$1\""
}

# --- A Trivy DB whose default policy (24 h after NextUpdate) is exceeded a few seconds from now ----------------
NAME="aquasecurity/trivy-db-e2e-$RANDOM$RANDOM:2"
LEAD_S=$((INTERVAL_S + 6))
T0="$(now_s)"
EXPIRES=$((T0 + LEAD_S))
NEXT_UPDATE=$((EXPIRES - 86400))
BUILT=$((NEXT_UPDATE - 86400))
register() { # content built validUntil
  local digest
  digest="sha256:$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)"
  admin -X POST "$CATALOG/api/v1/versions" -d "$(jq -nc --arg n "$NAME" --arg d "$digest" --arg b "$(iso "$2")" \
    --arg v "$(iso "$3")" '{kind:"trivy-db", name:$n, version:"2", digest:$d, size:1024,
      mediaType:"application/vnd.aquasec.trivy.db.layer.v1.tar+gzip", location:("registry.air-gapped.internal/" + $n),
      upstreamBuiltAt:$b, validUntil:$v}')"
}
ARTIFACT_ID="$(register "old-$NAME" "$BUILT" "$NEXT_UPDATE" | jq -r '.version.artifactId')"
log "registered $NAME (id $ARTIFACT_ID): NextUpdate $(iso "$NEXT_UPDATE"), stale from $(iso "$EXPIRES")"

[[ -z "$(am_alerts "$NAME" | jq -r '.[]?.labels.alertname')" ]] || fail "alert fired before the policy was exceeded"
fresh="$(prom_value "airlock_artifact_stale{artifact=\"$NAME\"}")"
for _ in $(seq 1 $((LEAD_S * 2))); do
  [[ -n "$fresh" ]] && break
  sleep 0.5
  fresh="$(prom_value "airlock_artifact_stale{artifact=\"$NAME\"}")"
done
[[ "$fresh" == "0" ]] || fail "Prometheus should scrape airlock_artifact_stale=0 before expiry, got '$fresh'"
log "Prometheus scraped airlock_artifact_stale{artifact=\"$NAME\"} = 0 before expiry"

# --- The alert must reach Alertmanager within one evaluation interval of expiry -------------------------------
DEADLINE=$((EXPIRES + INTERVAL_S + SLACK_S))
ALERT=""
while (($(now_s) <= DEADLINE + 5)); do
  ALERT="$(am_alerts "$NAME" | jq -c '.[0] // empty')"
  [[ -n "$ALERT" ]] && break
  sleep 0.5
done
ARRIVED="$(now_s)"
[[ -n "$ALERT" ]] || fail "no alert for $NAME in Alertmanager by $(iso "$DEADLINE"): was the catalog started with \
AIRLOCK_CATALOG_ALERTMANAGER_URLS=$AM_URL and AIRLOCK_CATALOG_EVALUATION_INTERVAL=$INTERVAL? (see the top of $0)"
((ARRIVED <= DEADLINE)) || fail "alert arrived $((ARRIVED - EXPIRES)) s after expiry, more than one interval (${INTERVAL_S}s + ${SLACK_S}s slack)"
log "Alertmanager has the alert $((ARRIVED - EXPIRES)) s after expiry (interval ${INTERVAL_S}s)"
jq -e --arg n "$NAME" '.labels.alertname == "AirlockArtifactStale" and .labels.kind == "trivy-db"
  and .labels.artifact == $n and .labels.severity == "warning" and .labels.reason == "upstream-unknown"
  and .status.state == "active" and (.generatorURL | test("/api/v1/artifacts/"))
  and (.annotations.description | test("stale"))' <<<"$ALERT" >/dev/null || fail "unexpected alert: $ALERT"
log "labels: $(jq -c '.labels' <<<"$ALERT")"

stale=""
for _ in $(seq 1 $((INTERVAL_S * 4 + 10))); do
  stale="$(prom_value "airlock_artifact_stale{artifact=\"$NAME\"}")"
  [[ "$stale" == "1" ]] && break
  sleep 0.5
done
[[ "$stale" == "1" ]] || fail "Prometheus should scrape airlock_artifact_stale=1 after expiry, got '$stale'"
age="$(prom_value "airlock_artifact_age_seconds{artifact=\"$NAME\"}")"
expiry="$(prom_value "airlock_artifact_expiry_timestamp_seconds{artifact=\"$NAME\"}")"
[[ "${expiry%%.*}" == "$EXPIRES" ]] || fail "airlock_artifact_expiry_timestamp_seconds is $expiry, expected $EXPIRES"
log "Prometheus: stale=1, age=${age}s, expiry=$(iso "${expiry%%.*}")"

# --- Re-sent while firing: still active after several intervals (endsAt keeps moving) -------------------------
sleep $((INTERVAL_S * 2))
[[ "$(am_alerts "$NAME" | jq 'length')" == "1" ]] || fail "alert stopped firing although nothing changed"

# --- A fresh version resolves it ----------------------------------------------------------------------------------
NOW="$(now_s)"
register "new-$NAME" "$NOW" "$((NOW + 86400))" >/dev/null
FIXED="$(now_s)"
log "registered a fresh version at $(iso "$FIXED")"
while (($(now_s) <= FIXED + INTERVAL_S + SLACK_S + 5)); do
  [[ "$(am_alerts "$NAME" | jq 'length')" == "0" ]] && break
  sleep 0.5
done
RESOLVED="$(now_s)"
[[ "$(am_alerts "$NAME" | jq 'length')" == "0" ]] || fail "alert still active $((RESOLVED - FIXED)) s after a fresh version"
((RESOLVED <= FIXED + INTERVAL_S + SLACK_S)) || fail "alert resolved only $((RESOLVED - FIXED)) s after the fix"
log "Alertmanager shows it resolved $((RESOLVED - FIXED)) s after the fresh version"

stale=""
for _ in $(seq 1 $((INTERVAL_S * 4 + 10))); do
  stale="$(prom_value "airlock_artifact_stale{artifact=\"$NAME\"}")"
  [[ "$stale" == "0" ]] && break
  sleep 0.5
done
[[ "$stale" == "0" ]] || fail "Prometheus should scrape airlock_artifact_stale=0 after the fix, got '$stale'"
log "Prometheus: stale=0 again"
log "OK"
