#!/usr/bin/env bash
# Server CPU per byte served (issue 9 item 4): the file server as packaged, the same jar with C1-only JIT
# (-XX:TieredStopAtLevel=1), and nginx, each serving one 100 MiB file to wrk in turn, ROUNDS times; CPU from
# /proc/<pid>/stat (user + system, all threads) around each wrk run. On 2 cores every CPU-ms the server spends is
# taken from the load generator, so this explains a throughput ratio that no Java frame does.
# Usage: bench/cpu-per-byte.sh   (env: WARMUP=20 DURATION=5 CONNECTIONS=8 ROUNDS=2)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl wrk nginx python3
WARMUP="${WARMUP:-20}"; DURATION="${DURATION:-5}"; CONNECTIONS="${CONNECTIONS:-8}"; ROUNDS="${ROUNDS:-2}"
WORK="$(mktemp -d /tmp/airlock-bench-cpu.XXXXXX)"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/www"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/www/f.bin"
P_TIERED="$(free_port)"; P_C1="$(free_port)"; P_NGINX="$(free_port)"
start_service fileserver-service "$P_TIERED" "$WORK/tiered"; PID_TIERED="$SERVICE_PID"
BENCH_EXTRA_OPTS=-XX:TieredStopAtLevel=1 start_service fileserver-service "$P_C1" "$WORK/c1"
PID_C1="$SERVICE_PID"
start_nginx "$WORK/www" "$P_NGINX" "$WORK"
for p in "$P_TIERED" "$P_C1"; do curl -fsS -u admin:bench -T "$WORK/www/f.bin" -o /dev/null "http://127.0.0.1:$p/f.bin"; done
for p in "$P_TIERED" "$P_C1" "$P_NGINX"; do wrk_run "http://127.0.0.1:$p/f.bin" "$WARMUP" "$CONNECTIONS" > /dev/null; done

ticks() { # pid... -> "user+system user" clock ticks summed over the processes
  local p u=0 t=0
  for p in "$@"; do
    read -r pu ps < <(awk '{print $14, $15}' "/proc/$p/stat")
    u=$((u + pu)); t=$((t + pu + ps))
  done
  echo "$t $u"
}
HZ="$(getconf CLK_TCK)"
echo "| round | process | MiB/s | server CPU-ms per MiB served | of which user |"
echo "|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
  for x in "airlock (tiered JIT):$P_TIERED:$PID_TIERED" "airlock (C1 only):$P_C1:$PID_C1" "nginx:$P_NGINX:$(nginx_pids "$WORK")"; do
    IFS=: read -r name port pids <<< "$x"
    # shellcheck disable=SC2086
    read -r t0 u0 < <(ticks $pids)
    wrk_into fig "http://127.0.0.1:$port/f.bin" "$DURATION" "$CONNECTIONS"
    mbps="${fig[1]}"; bytes="${fig[3]}"
    # shellcheck disable=SC2086
    read -r t1 u1 < <(ticks $pids)
    python3 -c "mib = $bytes / 1048576; print('| $r | $name | $mbps | %.3f | %.3f |' % (($t1 - $t0) * 1000 / $HZ / mib, ($u1 - $u0) * 1000 / $HZ / mib))"
  done
done
