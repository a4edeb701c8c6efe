#!/usr/bin/env bash
# Where one service's start-up goes (issue 19), from the JVM's own instruments, each from its own start of the
# packaged service as ./airlock starts it (its JVM options and class-data-sharing archive; ARCHIVE=0 leaves the
# archive out):
#   1. classes: how many the JVM loaded until ready, how many came from a CDS archive, the packages of the rest
#      (-Xlog:class+load);
#   2. CPU until ready per thread (main, JIT compiler threads, event loops...), from /proc;
#   3. the start's hot frames: JFR execution samples (every SAMPLE_MS) until ready, counted inclusively for the
#      Quarkus start steps and Airlock frames;
#   4. memory after IDLE_SECONDS idle: RSS and the JVM's native memory summary (heap, metaspace, code, threads...).
# Usage: bench/startup-profile.sh   (env: MODULE=fileserver-service BACKEND=filesystem|s3 ARCHIVE=1 SAMPLE_MS=5
#                                    IDLE_SECONDS=5)
# Needs: java (17+; jfr and jcmd from the same JDK), curl, python3.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require java curl python3 jcmd jfr

MODULE="${MODULE:-fileserver-service}"
BACKEND="${BACKEND:-filesystem}"
SAMPLE_MS="${SAMPLE_MS:-5}"
IDLE_SECONDS="${IDLE_SECONDS:-5}"
WORK="$(mktemp -d /tmp/airlock-startup-profile.XXXXXX)"
trap 'bench_cleanup; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
ensure_built "$MODULE"
S3_ENV=()
if [ "$BACKEND" = s3 ]; then start_s3proxy "$WORK"; fi
if [ "${ARCHIVE:-1}" = 0 ]; then
  export AIRLOCK_JAVA_OPTS="${AIRLOCK_JAVA_OPTS:-$("$BENCH_ROOT/airlock" jvm-options "$MODULE" | sed 's/ -XX:SharedArchiveFile=[^ ]*//')}"
fi
echo "# start-up profile of $MODULE, backend=$BACKEND, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# JVM options: $("$BENCH_ROOT/airlock" jvm-options "$MODULE") ${BENCH_EXTRA_OPTS:-}"

# start_once name extra-jvm-options: starts the service, waits until ready; sets PID, READY_MS
start_once() {
  local name="$1" port t0
  port="$(free_port)"
  t0="$(date +%s%3N)"
  BENCH_EXTRA_OPTS="$2" start_service "$MODULE" "$port" "$WORK/$name" "${S3_ENV[@]}"
  READY_MS=$(($(date +%s%3N) - t0))
  PID="$SERVICE_PID"
}
stop_once() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

echo "## 1. classes loaded until ready"
start_once classes "-Xlog:class+load:file=$WORK/classes.txt"
stop_once
python3 - "$WORK/classes.txt" <<'PY'
import collections, re, sys
total = shared = 0
rest = collections.Counter()
for line in open(sys.argv[1]):
    m = re.search(r"\] (\S+) source: (.*)$", line)
    if not m:
        continue
    total += 1
    if "shared objects file" in m.group(2):
        shared += 1
    else:
        rest[".".join(m.group(1).split(".")[:3])] += 1
print("%d classes, %d from a CDS archive (the JDK's and the application's), %d loaded and verified from jars or "
      "generated" % (total, shared, total - shared))
print("not from an archive, by package: " + ", ".join("%s %d" % kv for kv in rest.most_common(12)))
PY

echo "## 2. CPU until ready, per thread (ms)"
start_once threads ""
echo "ready after $READY_MS ms"
for t in /proc/"$PID"/task/*; do
  printf '%s\t%s\n' "$(cat "$t/comm")" "$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "$t/stat")"
done | python3 -c '
import collections, re, sys
c = collections.Counter()
for line in sys.stdin:
    name, ms = line.rstrip("\n").rsplit("\t", 1)
    c[re.sub(r"[-#0-9 ]+$", "", name)] += float(ms)
print("total %.0f ms: " % sum(c.values()) + ", ".join("%s %.0f" % kv for kv in c.most_common() if kv[1] >= 10))'
stop_once

echo "## 3. hot frames of the start (JFR, every $SAMPLE_MS ms, inclusive samples)"
JAVA_HOME_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
sed "/method-sampling-java-interval/s/[0-9]* ms/$SAMPLE_MS ms/" "$JAVA_HOME_DIR/lib/jfr/profile.jfc" > "$WORK/sampling.jfc"
start_once jfr "-XX:StartFlightRecording=settings=$WORK/sampling.jfc,filename=$WORK/start.jfr,name=start"
jcmd "$PID" JFR.stop name=start > /dev/null
stop_once
jfr print --events jdk.ExecutionSample --stack-depth 256 "$WORK/start.jfr" > "$WORK/start.txt"
python3 - "$WORK/start.txt" <<'PY'
import collections, re, sys
samples = open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]
inc = collections.Counter()
for s in samples:
    for f in set(re.findall(r"^\s+([\w$.<>]+)\(", s, re.M)):
        inc[f] += 1
print("%d samples" % len(samples))
keep = re.compile(r"^io\.airlock\.|\$[a-zA-Z]+\d+\.deploy$|ApplicationImpl\.(doStart|<clinit>)|Config\.<clinit>|"
                  r"PBKDF2|EmbeddedPostgres\.|FlywayExecutor\.|SessionFactory|FastBootMetadata")
for f, c in inc.most_common():
    if keep.search(f) and c * 50 >= len(samples):
        print("%5d  %s" % (c, f))
PY

echo "## 4. memory after ${IDLE_SECONDS} s idle"
start_once memory "-XX:NativeMemoryTracking=summary"
sleep "$IDLE_SECONDS"
echo "RSS $(rss_mb "$PID") MB (native memory tracking itself adds a little)"
jcmd "$PID" VM.native_memory summary scale=MB | grep -E '^-|Total' | grep -E 'committed=[1-9]' \
  | sed -E 's/\(reserved=([0-9]+)MB, committed=([0-9]+)MB\)/committed \2 MB (reserved \1 MB)/' | tr -s ' '
stop_once
