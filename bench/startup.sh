#!/usr/bin/env bash
# Start-up time and idle memory of each Airlock service against the peers an operator would otherwise run (issue 9):
# for each of the four packaged jars, production-like (BACKEND=s3: object storage through s3proxy for every service;
# the catalog on a PostgreSQL server this script starts, as in a cluster), RUNS times: the time from launching the
# process to /q/health/ready answering UP, then the RSS after IDLE_SECONDS of idleness. nginx (to its first 200) and
# the distribution registry (to GET /v2/ answering 200) are measured the same way in the same run.
# Runs after the first are restarts on the same data (the catalog's schema is migrated on the first); the median
# is reported.
# Usage: bench/startup.sh   (env: RUNS=5 IDLE_SECONDS=10 BACKEND=s3|filesystem AIRLOCK_JAVA_OPTS=...)
# Needs: java, curl, python3, nginx, docker-registry; PostgreSQL server binaries (apt-get install -y postgresql),
# else the catalog starts its embedded PostgreSQL and the table says so.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl python3 nginx docker-registry
bench_command RUNS IDLE_SECONDS BACKEND AIRLOCK_JAVA_OPTS

RUNS="${RUNS:-5}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
BACKEND="${BACKEND:-s3}"
WORK="$(mktemp -d /tmp/airlock-bench-startup.XXXXXX)"
trap 'bench_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

echo "# start-up benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, backend=$BACKEND, $RUNS runs each"
S3_ENV=()
if [ "$BACKEND" = s3 ]; then start_s3proxy "$WORK"; fi
CATALOG_DB="PostgreSQL server started by the script"
PG_ENV=()
if ! start_postgres "$WORK"; then
  CATALOG_DB="embedded PostgreSQL (no server binaries installed): its start is included"
fi
for m in fileserver-service falco-index-service trivydb-service catalog-service; do ensure_built "$m"; done

now_ms() { date +%s%3N; }

# measure name url rss-pids-command -- command...: RUNS starts; appends "name ms rss_mb" lines to $WORK/results
measure() {
  local name="$1" url="$2" pids_cmd="$3" start ready pid i ok
  shift 4
  for i in $(seq 1 "$RUNS"); do
    start="$(now_ms)"
    "$@" > "$WORK/$name-$i.log" 2>&1 &
    pid=$!
    ok=""
    for _ in $(seq 1 3000); do # 5 min at most
      if curl -fs -o /dev/null "$url"; then ok=1; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.02
    done
    ready="$(now_ms)"
    if [ -z "$ok" ]; then
      echo "bench: $name did not become ready; see $WORK/$name-$i.log" >&2
      tail -n 20 "$WORK/$name-$i.log" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep "$IDLE_SECONDS"
    local rss=0 p r
    for p in $(eval "$pids_cmd"); do
      r="$(ps -o rss= -p "$p" 2>/dev/null | tr -d ' ')"
      rss=$((rss + ${r:-0}))
    done
    local started
    started="$(grep -o 'started in [0-9.]*s' "$WORK/$name-$i.log" | head -n 1 | grep -o '[0-9.]*' || true)"
    echo "$name run $i: ready after $((ready - start)) ms (Quarkus: ${started:-—} s), idle RSS $((rss / 1024)) MB"
    echo "$name $((ready - start)) $((rss / 1024)) ${started:-nan}" >> "$WORK/results"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

# an Airlock service: java -jar, the same JVM options as ./airlock, production-like settings
airlock() { # module port env...
  local module="$1" port="$2"
  shift 2
  mkdir -p "$WORK/data-$module"
  # shellcheck disable=SC2086
  exec env AIRLOCK_DATA_DIR="$WORK/data-$module" AIRLOCK_ADMIN_PASSWORD=bench QUARKUS_HTTP_PORT="$port" "$@" \
    java $BENCH_JAVA_OPTS -jar "$(service_jar "$module")"
}

for module in fileserver-service falco-index-service trivydb-service catalog-service; do
  port="$(free_port)"
  extra=("${S3_ENV[@]}")
  [ "$module" = catalog-service ] && extra+=("${PG_ENV[@]}")
  [ "$module" = trivydb-service ] && extra+=(AIRLOCK_TRIVYDB_GC_ENABLED=false)
  measure "$module" "http://127.0.0.1:$port/q/health/ready" 'echo $pid' -- airlock "$module" "$port" "${extra[@]}"
done

mkdir -p "$WORK/www"
echo ok > "$WORK/www/index.html"
NGINX_PORT="$(free_port)"
nginx_conf "$WORK/www" "$NGINX_PORT" "$WORK"
measure nginx "http://127.0.0.1:$NGINX_PORT/index.html" "nginx_pids '$WORK'" -- \
  nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"

PEER_PORT="$(free_port)"
distribution_config filesystem "$WORK/registry" "$PEER_PORT" > "$WORK/registry.yml"
measure distribution "http://127.0.0.1:$PEER_PORT/v2/" 'echo $pid' -- \
  env -u AWS_CA_BUNDLE docker-registry serve "$WORK/registry.yml"

python3 - "$WORK/results" > "$WORK/summary.md" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, ms, rss, started = line.split()
    r = rows.setdefault(name, {"ms": [], "rss": [], "q": []})
    r["ms"].append(int(ms)); r["rss"].append(int(rss))
    if started != "nan":
        r["q"].append(float(started))
for name, r in rows.items():
    q = ("%.2f s" % statistics.median(r["q"])) if r["q"] else "—"
    print("| %s | %d ms (%d–%d) | %s | %d MB (%d–%d) |" % (
        name, statistics.median(r["ms"]), min(r["ms"]), max(r["ms"]), q,
        statistics.median(r["rss"]), min(r["rss"]), max(r["rss"])))
PY
echo
echo "## summary (start-up to ready and idle RSS, backend=$BACKEND; catalog on $CATALOG_DB), paste into bench/RESULTS.md"
echo
echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
  "(mark figures from a machine busy with other work as such): \`$BENCH_CMD\`"
echo
echo "| process | launch to ready, median of $RUNS (min–max) | Quarkus \"started in\" (median) | RSS after ${IDLE_SECONDS} s idle, median (min–max) |"
echo "|---|---|---|---|"
cat "$WORK/summary.md"
