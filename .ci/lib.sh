# Helpers shared by the real-client checks in .ci/checks/ (source it): one PASS/FAIL line per check, a closing
# "<name>: N passed, N failed" line, and a non-zero exit from finish when anything failed.
FAILED=0
PASSED=0

pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
check() { # description, then a command that must succeed
  local what="$1"; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # url, status: waits up to 20 s for that status (bench/lib.sh, sourced after this by .ci/images, has its own)
  for _ in $(seq 1 100); do [ "$(status_of "$1")" = "$2" ] && return 0; sleep 0.2; done
  return 1
}
finish() { # name
  echo "$1: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# start_containerd dir: a containerd of its own (root, state, config and sockets under dir; the CRI plugin and the
# snapshotters this machine cannot run are off, so nothing of a host's containerd is shared or touched); sets
# CTRD_PID and CTRD_SOCK. Returns 1, with the log's tail on stderr, when it does not answer within 10 s. Needs root.
start_containerd() {
  local dir="$1"
  mkdir -p "$dir"
  cat >"$dir/config.toml" <<CONF
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]
[grpc]
  address = "$dir/containerd.sock"
[ttrpc]
  address = "$dir/containerd-ttrpc.sock"
[debug]
  address = "$dir/debug.sock"
[metrics]
  address = ""
CONF
  containerd --config "$dir/config.toml" >"$dir/containerd.log" 2>&1 &
  CTRD_PID=$!
  CTRD_SOCK="$dir/containerd.sock"
  for _ in $(seq 1 50); do
    ctr --address "$CTRD_SOCK" version >/dev/null 2>&1 && return 0
    kill -0 "$CTRD_PID" 2>/dev/null || break
    sleep 0.2
  done
  tail -n 5 "$dir/containerd.log" >&2
  return 1
}

# snapshotter_of sock: overlayfs when that containerd could load it (one copy of each layer, as on a node), else
# native (plain directories: works everywhere, but copies the parent for every layer)
snapshotter_of() {
  if ctr --address "$1" plugins ls 2>/dev/null | awk '$2 == "overlayfs" && $NF == "ok" { found = 1 } END { exit !found }'; then
    echo overlayfs
  else
    echo native
  fi
}
