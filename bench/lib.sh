# Shared helpers for the benchmark scripts (source it). Everything runs on loopback, bounded in time.
# Needs: java, curl, wrk, nginx (apt-get install -y wrk nginx-light).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}

bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk nginx-light)"; exit 2; }
  done
}

# free_port: a port nothing listens on, from BENCH_PORTS (default 7100-7999: below the kernel's ephemeral range and
# away from the services' usual 8080-8083, so that a benchmark never takes a port another suite is about to bind)
free_port() {
  python3 - "${BENCH_PORTS:-7100-7999}" <<'PY'
import random, socket, sys
lo, hi = map(int, sys.argv[1].split("-"))
for port in random.sample(range(lo, hi + 1), hi - lo + 1):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    sys.exit("bench: no free port in " + sys.argv[1])
PY
}

wait_http() { # url [seconds]
  local url="$1" i
  for i in $(seq 1 $((${2:-60} * 4))); do
    curl -fs -o /dev/null "$url" && return 0
    sleep 0.25
  done
  echo "bench: $url did not answer" >&2
  return 1
}

# service_jar module: the packaged jar; AIRLOCK_BUILD names another checkout's tree to take it from (a baseline)
service_jar() { echo "${AIRLOCK_BUILD:-$BENCH_ROOT}/$1/target/quarkus-app/quarkus-run.jar"; }

ensure_built() { # module
  local jar
  jar="$(service_jar "$1")"
  if [ ! -f "$jar" ]; then
    (cd "$BENCH_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
  fi
}

# run_service module: replaces this (sub)shell with the service, started as ./airlock starts it: from its app directory
# (the class-data-sharing archive names its class path relative to it) with ./airlock's JVM options for that service
# (AIRLOCK_JAVA_OPTS replaces them), plus BENCH_EXTRA_OPTS. A baseline build (AIRLOCK_BUILD) runs with the options of
# its time unless AIRLOCK_JAVA_OPTS is set.
run_service() {
  local module="$1"
  if [ -z "${AIRLOCK_BUILD:-}" ]; then
    # shellcheck disable=SC2086
    exec "$BENCH_ROOT/airlock" run "$module" ${BENCH_EXTRA_OPTS:-}
  fi
  cd "$(dirname "$(service_jar "$module")")"
  # shellcheck disable=SC2086
  exec java ${AIRLOCK_JAVA_OPTS:--Xmx192m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError} ${BENCH_EXTRA_OPTS:-} \
    -jar quarkus-run.jar
}

# start_service module port data-dir [extra env assignments...]; sets SERVICE_PID
start_service() {
  local module="$1" port="$2" data="$3"
  shift 3
  ensure_built "$module"
  (export AIRLOCK_DATA_DIR="$data" AIRLOCK_ADMIN_PASSWORD=bench QUARKUS_HTTP_PORT="$port" "$@"; run_service "$module") \
    > "$data.log" 2>&1 &
  SERVICE_PID=$!
  BENCH_PIDS+=("$SERVICE_PID")
  wait_http "http://127.0.0.1:$port/q/health/ready" 120
}

# nginx_conf root port workdir: writes workdir/nginx.conf (the configuration start_nginx runs)
nginx_conf() {
  local root="$1" port="$2" work="$3"
  cat > "$work/nginx.conf" <<CONF
daemon off;
$( [ "$(id -u)" = 0 ] && echo 'user root;' )
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
  server { listen 127.0.0.1:$port; root $root; }
}
CONF
}

# nginx_pids workdir: the master started with workdir/nginx.conf and its workers (whose command line names no conf)
# The distribution registry's config on stdout: storage under ROOT (filesystem) or in the bucket "distribution" of the
# s3proxy on S3_PORT (backend s3; its filesystem provider needs the bucket directory to exist), listening on PORT.
distribution_config() { # backend root port [s3_port]
  local storage
  if [ "$1" = s3 ]; then
    storage="  s3:
    accesskey: bench
    secretkey: bench-secret
    region: us-east-1
    regionendpoint: http://127.0.0.1:${4:-0}
    bucket: distribution
    secure: false
    v4auth: true
    rootdirectory: /registry
  redirect:
    disable: true"
  else
    storage="  filesystem:
    rootdirectory: $2"
  fi
  cat <<CONF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
$storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$3
CONF
}

nginx_pids() {
  local master
  master="$(pgrep -f "nginx.*$1/nginx.conf" | head -n 1)"
  [ -n "$master" ] && echo "$master $(pgrep -P "$master" | tr '\n' ' ')"
}

# start_nginx root port workdir; sets NGINX_PID
start_nginx() {
  local work="$3"
  nginx_conf "$@"
  nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  sleep 0.5
}

# wrk_run url duration connections [wrk options, e.g. -H 'Accept: ...'] ->
#   prints "requests_per_s mbytes_per_s p99_ms bytes_read" (bytes_read: everything the clients received)
wrk_run() {
  local url="$1" dur="$2" conns="$3" out
  shift 3
  out="$(wrk -t2 -c"$conns" -d"${dur}s" --timeout 120s --latency "$@" "$url")"
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def size(v, unit):
    f = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}[unit]
    return float(v) * f
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
m = re.search(r"Transfer/sec:\s+([\d.]+)([KMGT]?B)", out)
mbps = size(m.group(1), m.group(2)) / 1024**2
p = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
p99 = float(p.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p.group(2)] if p else float("nan")
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
if errors:
    sys.stderr.write("bench: wrk saw %s non-2xx responses: the figures would be meaningless\n" % errors.group(1))
    sys.exit(1)
r = re.search(r"requests in [\d.]+\w+, ([\d.]+)([KMGT]?B) read", out)
total = size(r.group(1), r.group(2)) if r else float("nan")
print("%.1f %.1f %.2f %.0f" % (rps, mbps, p99, total))
PY
}

# rss_peak_kb pid-list-command seconds -> samples every 0.25 s while the command in $RSS_CMD runs; prints peak KB
# usage: sample_rss "<pids>" & SAMPLER=$!; ...; kill $SAMPLER; peak from file
sample_rss() { # file pid...
  local file="$1"; shift
  : > "$file"
  while true; do
    local total=0 pid rss
    for pid in "$@"; do
      rss="$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ')"
      total=$((total + ${rss:-0}))
    done
    echo "$total" >> "$file"
    sleep 0.25
  done
}

peak_mb() { sort -n "$1" | tail -n 1 | awk '{printf "%.0f", $1/1024}'; }

# wrk_into var url duration connections [wrk options]: wrk_run's four figures into the array named var; a failed wrk
# (an error, non-2xx answers) stops the script here instead of leaving empty figures (`read < <(...)` would hide it)
wrk_into() {
  local -n into="$1"
  local out
  shift
  out="$(wrk_run "$@")" || { echo "bench: wrk against $1 failed; stopping" >&2; exit 1; }
  read -r -a into <<< "$out"
  [ "${#into[@]}" -eq 4 ] || { echo "bench: wrk against $1 gave no figures: $out" >&2; exit 1; }
}

# throughput_rounds label peer-name peer-url airlock-url: a warm-up of each (WARMUP s, default 15: on 2 cores the JIT
# compiler threads still take about a sixth of the JVM's CPU 13 s after start, see bench/RESULTS.md issue 9), then
# ROUNDS interleaved wrk runs of DURATION s with CONNECTIONS connections (peer first in each round); prints every
# round with its ratio and the mean; sets THR_PEER THR_AIRLOCK THR_RATIO (means) and THR_PEER_ROUNDS
# THR_AIRLOCK_ROUNDS THR_RATIO_ROUNDS (every round, " / "-separated, for the summary table)
throughput_rounds() {
  local label="$1" peer="$2" peer_url="$3" airlock_url="$4" r p a
  local p_sum=0 a_sum=0 fig=()
  THR_PEER_ROUNDS=""; THR_AIRLOCK_ROUNDS=""; THR_RATIO_ROUNDS=""
  wrk_into fig "$airlock_url" "${WARMUP:-15}" "$CONNECTIONS"   # warm-up (JIT)
  wrk_into fig "$peer_url" 5 "$CONNECTIONS"
  for r in $(seq 1 "$ROUNDS"); do
    wrk_into fig "$peer_url" "$DURATION" "$CONNECTIONS"; p="${fig[1]}"
    wrk_into fig "$airlock_url" "$DURATION" "$CONNECTIONS"; a="${fig[1]}"
    echo "round $r: $peer $p MiB/s, airlock $a MiB/s, ratio $(python3 -c "print('%.2f' % ($a / $p))")"
    p_sum="$(python3 -c "print($p_sum + $p)")"; a_sum="$(python3 -c "print($a_sum + $a)")"
    THR_PEER_ROUNDS+="${THR_PEER_ROUNDS:+ / }$(python3 -c "print('%.0f' % $p)")"
    THR_AIRLOCK_ROUNDS+="${THR_AIRLOCK_ROUNDS:+ / }$(python3 -c "print('%.0f' % $a)")"
    THR_RATIO_ROUNDS+="${THR_RATIO_ROUNDS:+ / }$(python3 -c "print('%.2f' % ($a / $p))")"
  done
  python3 -c "p=$p_sum/$ROUNDS; a=$a_sum/$ROUNDS; print('$label: $peer %.0f MiB/s, airlock %.0f MiB/s, ratio airlock/$peer %.2f' % (p, a, a/p))"
  # for the summary table (bench_row)
  THR_PEER="$(python3 -c "print('%.0f' % ($p_sum/$ROUNDS))")"
  THR_AIRLOCK="$(python3 -c "print('%.0f' % ($a_sum/$ROUNDS))")"
  THR_RATIO="$(python3 -c "print('%.2f' % ($a_sum/$p_sum))")"
}

# ---------------------------------------------------------------- OCI pushes (curl, the distribution API)

# the Accept list Trivy sends for a manifest
OCI_ACCEPT="application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json"

# push_blob base-url repo file [curl auth args...]: POST an upload, PUT the whole file; prints the digest
push_blob() {
  local base="$1" repo="$2" file="$3"
  shift 3
  local digest location sep
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location="$(curl -fsS "$@" -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" \
    | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  case "$location" in http*) ;; *) location="$base$location" ;; esac
  case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS "$@" -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$file" -o /dev/null \
    "$location${sep}digest=$digest"
  echo "$digest"
}

# push_image base-url repo tag layer-file [curl auth args...]: config ($WORK/config) + one Trivy DB layer + manifest;
# prints the layer digest
push_image() {
  local base="$1" repo="$2" tag="$3" layer="$4"
  shift 4
  local c l
  c="$(push_blob "$base" "$repo" "$WORK/config" "$@")"
  l="$(push_blob "$base" "$repo" "$layer" "$@")"
  cat > "$WORK/manifest-$tag.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.aquasec.trivy.config.v1+json","digest":"$c","size":2},"layers":[{"mediaType":"application/octet-stream","digest":"$l","size":$(stat -c %s "$layer")}]}
JSON
  curl -fsS "$@" -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary @"$WORK/manifest-$tag.json" -o /dev/null "$base/v2/$repo/manifests/$tag"
  echo "$l"
}

# rps_rounds peer-name peer-url airlock-url [wrk options...]: requests/s and p99 latency, a warm-up of each, then
# ROUNDS interleaved wrk runs of DURATION s with CONNECTIONS connections (peer first); prints every round and sets
# RPS_PEER RPS_AIRLOCK RPS_RATIO (means), RPS_RATIO_ROUNDS (every round's ratio), P99_PEER P99_AIRLOCK (mean of the
# rounds' p99, ms) and P99MAX_PEER P99MAX_AIRLOCK (worst round, ms)
rps_rounds() {
  local peer="$1" peer_url="$2" airlock_url="$3" r p a pl al
  shift 3
  local p_sum=0 a_sum=0 pl_sum=0 al_sum=0 fig=()
  P99MAX_PEER=0; P99MAX_AIRLOCK=0; RPS_RATIO_ROUNDS=""
  wrk_into fig "$airlock_url" "${WARMUP:-15}" "$CONNECTIONS" "$@"   # warm-up (JIT, caches)
  wrk_into fig "$peer_url" 5 "$CONNECTIONS" "$@"
  for r in $(seq 1 "$ROUNDS"); do
    wrk_into fig "$peer_url" "$DURATION" "$CONNECTIONS" "$@"; p="${fig[0]}"; pl="${fig[2]}"
    wrk_into fig "$airlock_url" "$DURATION" "$CONNECTIONS" "$@"; a="${fig[0]}"; al="${fig[2]}"
    echo "round $r: $peer $p req/s p99 $pl ms, airlock $a req/s p99 $al ms, ratio $(python3 -c "print('%.2f' % ($a / $p))")"
    RPS_RATIO_ROUNDS+="${RPS_RATIO_ROUNDS:+ / }$(python3 -c "print('%.2f' % ($a / $p))")"
    p_sum="$(python3 -c "print($p_sum + $p)")"; a_sum="$(python3 -c "print($a_sum + $a)")"
    P99MAX_PEER="$(python3 -c "print(max($P99MAX_PEER, $pl))")"
    P99MAX_AIRLOCK="$(python3 -c "print(max($P99MAX_AIRLOCK, $al))")"
    pl_sum="$(python3 -c "print($pl_sum + $pl)")"; al_sum="$(python3 -c "print($al_sum + $al)")"
  done
  P99_PEER="$(python3 -c "print('%.1f' % ($pl_sum/$ROUNDS))")"
  P99_AIRLOCK="$(python3 -c "print('%.1f' % ($al_sum/$ROUNDS))")"
  RPS_PEER="$(python3 -c "print('%.0f' % ($p_sum/$ROUNDS))")"
  RPS_AIRLOCK="$(python3 -c "print('%.0f' % ($a_sum/$ROUNDS))")"
  RPS_RATIO="$(python3 -c "print('%.2f' % ($a_sum/$p_sum))")"
}

# ---------------------------------------------------------------- production-like backends

# start_s3proxy workdir: a real S3 API server (s3proxy, filesystem-nio2 under workdir/s3data) on a free port, as its
# own JVM; sets S3_PORT, S3PROXY_PID and S3_ENV (the AIRLOCK_STORAGE_* assignments for start_service, cache dir in
# workdir so each run starts cold).
start_s3proxy() {
  local work="$1" jar
  S3_PORT="$(free_port)"
  mkdir -p "$work/s3data"
  cat > "$work/s3proxy.properties" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.identity=bench
jclouds.credential=bench-secret
jclouds.filesystem.basedir=$work/s3data
CONF
  jar="$(ls "$BENCH_ROOT"/libs/storage/target/test-servers/s3proxy.jar 2>/dev/null \
    || ls ~/.m2/repository/org/gaul/s3proxy/*/s3proxy-*-jar-with-dependencies.jar 2>/dev/null | tail -n 1)"
  [ -n "$jar" ] || { echo "bench: no s3proxy jar (mvn -pl libs/storage generate-test-resources copies it)"; exit 2; }
  java -Xmx512m -jar "$jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
  S3PROXY_PID=$!
  BENCH_PIDS+=("$S3PROXY_PID")
  for _ in $(seq 1 240); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT" && break; sleep 0.25; done
  S3_ENV=(AIRLOCK_STORAGE_BACKEND=s3 AIRLOCK_STORAGE_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
          AIRLOCK_STORAGE_S3_ACCESS_KEY=bench AIRLOCK_STORAGE_S3_SECRET_KEY=bench-secret
          AIRLOCK_STORAGE_CACHE_DIR="$work/cache")
}

# start_postgres workdir: a PostgreSQL server from the Debian packages (/usr/lib/postgresql/*/bin) on a free port,
# run as user postgres when we are root; sets PG_PORT, PG_PID and PG_ENV (the catalog's datasource settings).
# Returns 1 when no server binaries are installed (apt-get install -y postgresql).
start_postgres() {
  local work="$1" bin run=()
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$bin/initdb" ] || return 1
  PG_PORT="$(free_port)"
  mkdir -p "$work/pg"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$work/pg"
    chmod 755 "$work"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$work/pg/data" -U airlock --auth=trust > "$work/pg-initdb.log" 2>&1
  "${run[@]}" "$bin/postgres" -D "$work/pg/data" -p "$PG_PORT" -k "$work/pg" -c listen_addresses=127.0.0.1 \
    -c fsync=off > "$work/pg.log" 2>&1 &
  PG_PID=$!
  BENCH_PIDS+=("$PG_PID")
  for _ in $(seq 1 120); do
    "${run[@]}" "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.25
  done
  # the server itself, not runuser, so that bench_cleanup stops it
  PG_PID="$(head -n 1 "$work/pg/data/postmaster.pid" 2>/dev/null || echo "$PG_PID")"
  BENCH_PIDS+=("$PG_PID")
  PG_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
          QUARKUS_DATASOURCE_USERNAME=airlock QUARKUS_DATASOURCE_PASSWORD=airlock)
}

# ---------------------------------------------------------------- measurements

# metric base-url name: the sum of a Prometheus metric's samples at base-url/q/metrics (0 when absent)
metric() {
  curl -fsS "$1/q/metrics" | awk -v m="$2" '$1 == m || index($1, m "{") == 1 { s += $2 } END { printf "%.0f", s }'
}

rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

# ---------------------------------------------------------------- the summary table

# bench_row scenario peer airlock ratio: one row of the table bench_summary prints (markdown, for bench/RESULTS.md)
bench_row() {
  printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >> "$WORK/summary.md"
}

# bench_command env-names...: the command that reproduces this run (call before applying defaults): the named
# variables the caller set, then the script; sets BENCH_CMD
bench_command() {
  local v
  BENCH_CMD=""
  for v in "$@"; do
    if [ -n "${!v+x}" ]; then BENCH_CMD+="$v=${!v} "; fi
  done
  BENCH_CMD+="bench/$(basename "$0")"
}

# bench_summary title peer-name: the table of every bench_row, headed by the exact command of this run
bench_summary() {
  echo
  echo "## summary ($1), paste into bench/RESULTS.md"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
    "(mark figures from a machine busy with other work as such): \`$BENCH_CMD\`"
  echo
  echo "| scenario | $2 | Airlock | ratio / goal |"
  echo "|---|---|---|---|"
  cat "$WORK/summary.md"
}
