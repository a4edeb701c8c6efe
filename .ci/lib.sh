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
finish() { # name
  echo "$1: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
