#!/usr/bin/env bash
# Start-up time and idle memory of each Airlock service against the peers an operator would otherwise run (issue 9):
# for each of the four packaged jars, production-like (BACKEND=s3: object storage through s3proxy for every service;
# the catalog on a PostgreSQL server this script starts, as in a cluster), RUNS times: the time from launching the
# process to /q/health/ready answering UP, then the RSS after IDLE_SECONDS of idleness. nginx (to its first 200) and
# the distribution registry (to GET /v2/ answering 200) are measured the same way in the same run.
# Runs after the first are restarts on the same data (the catalog's schema is migrated on the first); the median
# is reported.
# Each service runs as ./airlock starts it (per-service JVM options, the class-data-sharing archive made at package
# time); the file server is also measured under other JVM set-ups (JVMS=1, see below). The CPU column is the process'
# user + system time until ready: it is what a busy node's cores must supply, and it varies less with load than time.
# BASELINE=<dir> also measures each service from another checkout's packaged jars (e.g. the commit before a change:
# git archive <commit> | tar -x -C <dir>, then mvn package there), started as that build ran it, in the same run.
# Usage: bench/startup.sh   (env: RUNS=5 IDLE_SECONDS=10 BACKEND=s3|filesystem JVMS=1 BASELINE= AIRLOCK_JAVA_OPTS=...)
# Needs: java, curl, python3, nginx, docker-registry; PostgreSQL server binaries (apt-get install -y postgresql),
# else the catalog starts its embedded PostgreSQL and the table says so.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl python3 nginx docker-registry
bench_command RUNS IDLE_SECONDS BACKEND JVMS BASELINE AIRLOCK_JAVA_OPTS

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
  local name="$1" url="$2" pids_cmd="$3" start ready pid i ok cpu_ms
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
    cpu_ms="$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat" 2>/dev/null || echo 0)"
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
    echo "$name run $i: ready after $((ready - start)) ms (Quarkus: ${started:-—} s, CPU $cpu_ms ms), idle RSS $((rss / 1024)) MB"
    echo "$name $((ready - start)) $((rss / 1024)) ${started:-nan} $cpu_ms" >> "$WORK/results"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

# an Airlock service as ./airlock starts it (its JVM options, the class-data-sharing archive), production-like settings
airlock() { # module port env...
  local module="$1" port="$2"
  shift 2
  mkdir -p "$WORK/data-$module"
  export AIRLOCK_DATA_DIR="$WORK/data-$module" AIRLOCK_ADMIN_PASSWORD=bench QUARKUS_HTTP_PORT="$port" "$@"
  run_service "$module"
}

for module in fileserver-service falco-index-service trivydb-service catalog-service; do
  port="$(free_port)"
  extra=("${S3_ENV[@]}")
  [ "$module" = catalog-service ] && extra+=("${PG_ENV[@]}")
  [ "$module" = trivydb-service ] && extra+=(AIRLOCK_TRIVYDB_GC_ENABLED=false)
  measure "$module" "http://127.0.0.1:$port/q/health/ready" 'echo $pid' -- airlock "$module" "$port" "${extra[@]}"
  if [ -n "${BASELINE:-}" ]; then # the same service from a baseline build, as that build ran it
    AIRLOCK_BUILD="$BASELINE" measure "$module@before" "http://127.0.0.1:$port/q/health/ready" 'echo $pid' -- \
      airlock "$module" "$port" "${extra[@]}"
  fi
done

# The file server under other JVM set-ups, the same settings otherwise (ADR 0070; JVMS=0 skips them):
#   fileserver-service@jdk17-no-archive  JDK 17 with the JDK's own CDS archive only (no app-cds.jsa)
#   fileserver-service@jdk17-trained     JDK 17 with an archive dumped at the exit of a training run (start, one
#                                        upload, one download, one scrape) instead of the package-time one
#   fileserver-service@jdk25-aot         JDK 25 (when installed) with an AOT cache (JEP 483/514) from the same training
if [ "${JVMS:-1}" = 1 ]; then
  FS_OPTS="$("$BENCH_ROOT/airlock" jvm-options fileserver-service | sed 's/ -XX:SharedArchiveFile=[^ ]*//')"
  FS_APP="$(dirname "$(service_jar fileserver-service)")"
  fileserver_with() { # port data java jvm-options...: exec the file server with that JVM and those options
    local port="$1" data="$2" java="$3"
    shift 3
    mkdir -p "$data"
    export AIRLOCK_DATA_DIR="$data" AIRLOCK_ADMIN_PASSWORD=bench QUARKUS_HTTP_PORT="$port" MALLOC_ARENA_MAX=2 "${S3_ENV[@]}"
    cd "$FS_APP"
    # shellcheck disable=SC2086
    exec "$java" $FS_OPTS "$@" -jar quarkus-run.jar
  }
  train() { # name java jvm-options...: a training run of the file server that writes its archive or cache at exit
    local name="$1" port pid
    shift
    port="$(free_port)"
    (fileserver_with "$port" "$WORK/train-$name" "$@") > "$WORK/train-$name.log" 2>&1 &
    pid=$!
    wait_http "http://127.0.0.1:$port/q/health/ready" 120
    echo training > "$WORK/train.txt"
    curl -fsS -u admin:bench -T "$WORK/train.txt" -o /dev/null "http://127.0.0.1:$port/train.txt"
    curl -fsS -o /dev/null "http://127.0.0.1:$port/train.txt"
    curl -fsS -o /dev/null "http://127.0.0.1:$port/q/metrics"
    kill "$pid"
    wait "$pid" || true
  }
  variant() { # name java jvm-options...
    local name="$1" port
    shift
    port="$(free_port)"
    measure "fileserver-service@$name" "http://127.0.0.1:$port/q/health/ready" 'echo $pid' -- \
      fileserver_with "$port" "$WORK/data-$name" "$@"
  }
  variant jdk17-no-archive java
  train jdk17 java -XX:ArchiveClassesAtExit="$WORK/trained17.jsa"
  variant jdk17-trained java -XX:SharedArchiveFile="$WORK/trained17.jsa"
  JDK25="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)"
  if [ -n "$JDK25" ]; then
    train jdk25 "$JDK25" -XX:AOTCacheOutput="$WORK/trained25.aot"
    # the JVM assembles the cache in a child process after the training run exits; it removes its config file last
    for _ in $(seq 1 240); do [ -e "$WORK/trained25.aot.config" ] || break; sleep 0.5; done
    [ -s "$WORK/trained25.aot" ] || { echo "bench: JDK 25 wrote no AOT cache; see $WORK/train-jdk25.log" >&2; exit 1; }
    variant jdk25-aot "$JDK25" -XX:AOTCache="$WORK/trained25.aot"
  fi
fi

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
    name, ms, rss, started, cpu = line.split()
    r = rows.setdefault(name, {"ms": [], "rss": [], "q": [], "cpu": []})
    r["ms"].append(int(ms)); r["rss"].append(int(rss)); r["cpu"].append(int(cpu))
    if started != "nan":
        r["q"].append(float(started))
for name, r in rows.items():
    q = ("%.2f s" % statistics.median(r["q"])) if r["q"] else "—"
    print("| %s | %d ms (%d–%d) | %s | %d ms | %d MB (%d–%d) | %s |" % (
        name, statistics.median(r["ms"]), min(r["ms"]), max(r["ms"]), q, statistics.median(r["cpu"]),
        statistics.median(r["rss"]), min(r["rss"]), max(r["rss"]), " ".join(map(str, r["ms"]))))
PY
echo
echo "## summary (start-up to ready and idle RSS, backend=$BACKEND; catalog on $CATALOG_DB), paste into bench/RESULTS.md"
echo
echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
  "(mark figures from a machine busy with other work as such): \`$BENCH_CMD\`"
echo
echo "| process | launch to ready, median of $RUNS (min–max) | Quarkus \"started in\" (median) | CPU used to ready (median; nginx: master only) | RSS after ${IDLE_SECONDS} s idle, median (min–max) | every run (ms) |"
echo "|---|---|---|---|---|---|"
cat "$WORK/summary.md"
