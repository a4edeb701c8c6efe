# Shared helpers for the benchmark scripts (source it). Everything runs on loopback, bounded in time.
# Needs: java, curl, wrk, nginx (apt-get install -y wrk nginx-light).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_JAVA_OPTS="${AIRLOCK_JAVA_OPTS:--Xmx192m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
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

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
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

ensure_built() { # module
  local jar="$BENCH_ROOT/$1/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ]; then
    (cd "$BENCH_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
  fi
}

# start_service module port data-dir [extra env assignments...]; sets SERVICE_PID
start_service() {
  local module="$1" port="$2" data="$3"
  shift 3
  ensure_built "$module"
  # shellcheck disable=SC2086
  env AIRLOCK_DATA_DIR="$data" AIRLOCK_ADMIN_PASSWORD=bench QUARKUS_HTTP_PORT="$port" "$@" \
    java $BENCH_JAVA_OPTS -jar "$BENCH_ROOT/$module/target/quarkus-app/quarkus-run.jar" > "$data.log" 2>&1 &
  SERVICE_PID=$!
  BENCH_PIDS+=("$SERVICE_PID")
  wait_http "http://127.0.0.1:$port/q/health/ready" 120
}

# start_nginx root port workdir; sets NGINX_PID
start_nginx() {
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
  nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  sleep 0.5
}

# wrk_run url duration connections -> prints "requests_per_s mbytes_per_s p99_ms"
wrk_run() {
  local url="$1" dur="$2" conns="$3" out
  out="$(wrk -t2 -c"$conns" -d"${dur}s" --timeout 120s --latency "$url")"
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
print("%.1f %.1f %.2f" % (rps, mbps, p99))
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

# throughput_rounds label peer-name peer-url airlock-url: a warm-up of each, then ROUNDS interleaved wrk runs of
# DURATION s with CONNECTIONS connections (peer first in each round); prints every round and the mean ratio.
throughput_rounds() {
  local label="$1" peer="$2" peer_url="$3" airlock_url="$4" r p a
  local p_sum=0 a_sum=0
  wrk_run "$airlock_url" 5 "$CONNECTIONS" > /dev/null   # warm-up (JIT)
  wrk_run "$peer_url" 5 "$CONNECTIONS" > /dev/null
  for r in $(seq 1 "$ROUNDS"); do
    read -r _ p _ < <(wrk_run "$peer_url" "$DURATION" "$CONNECTIONS")
    read -r _ a _ < <(wrk_run "$airlock_url" "$DURATION" "$CONNECTIONS")
    echo "round $r: $peer $p MiB/s, airlock $a MiB/s"
    p_sum="$(python3 -c "print($p_sum + $p)")"; a_sum="$(python3 -c "print($a_sum + $a)")"
  done
  python3 -c "p=$p_sum/$ROUNDS; a=$a_sum/$ROUNDS; print('$label: $peer %.0f MiB/s, airlock %.0f MiB/s, ratio airlock/$peer %.2f' % (p, a, a/p))"
}
