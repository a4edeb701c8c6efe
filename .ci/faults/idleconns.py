#!/usr/bin/env python3
"""Many idle connections, some stalled half-way through their request headers.

Fault: opens `--idle` TCP connections that send nothing and `--half` that send the start of a request (request line
and one header, never the blank line) and stall. While they are open, `--requests` normal GETs of `--path` are timed.
Then waits up to `--close-within` seconds for the server to close the stalled connections on its own. The service
process `--pid` is sampled from /proc (threads, RSS, descriptors) before, during and after.

Prints one JSON object; the caller (.ci/checks/faults.sh) decides what passes.
"""
import argparse
import http.client
import json
import os
import resource
import selectors
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procstat  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--path", required=True)
    ap.add_argument("--idle", type=int, default=2000)
    ap.add_argument("--half", type=int, default=200)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--close-within", type=float, default=60)
    a = ap.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = a.idle + a.half + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(want, soft), hard), hard))

    baseline = procstat.sample(a.pid)
    sel = selectors.DefaultSelector()
    opened = {"idle": 0, "half": 0}
    connect_errors = []
    t_open = time.monotonic()
    with procstat.Sampler(a.pid) as sampler:
        for kind, n in (("idle", a.idle), ("half", a.half)):
            for i in range(n):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.settimeout(10)
                try:
                    s.connect((a.host, a.port))
                    if kind == "half":
                        s.sendall(f"GET {a.path} HTTP/1.1\r\nHost: {a.host}\r\nX-Stalled: ".encode())
                    s.setblocking(False)
                    sel.register(s, selectors.EVENT_READ, {"kind": kind, "t": time.monotonic(), "closed": None})
                    opened[kind] += 1
                except OSError as e:
                    connect_errors.append(str(e))
                    s.close()
                if i % 200 == 199:
                    time.sleep(0.05)  # do not overrun the accept backlog
        open_s = time.monotonic() - t_open
        time.sleep(1)
        during = procstat.sample(a.pid)

        latencies = []
        ok = 0
        for _ in range(a.requests):
            t0 = time.monotonic()
            c = http.client.HTTPConnection(a.host, a.port, timeout=30)
            try:
                c.request("GET", a.path)
                r = c.getresponse()
                r.read()
                ok += r.status == 200
            except OSError:
                pass
            finally:
                c.close()
            latencies.append(time.monotonic() - t0)

        # How long until the server closes the stalled connections by itself.
        deadline = time.monotonic() + a.close_within
        closed = {"idle": 0, "half": 0}
        replies = {}
        last_close = {"idle": 0.0, "half": 0.0}
        while time.monotonic() < deadline and closed["half"] < opened["half"]:
            for key, _ in sel.select(timeout=0.5):
                info = key.data
                try:
                    data = key.fileobj.recv(4096)
                except OSError:
                    data = b""
                if data:
                    first = data.split(b"\r\n", 1)[0].decode(errors="replace")
                    replies[first] = replies.get(first, 0) + 1
                    continue
                sel.unregister(key.fileobj)
                key.fileobj.close()
                closed[info["kind"]] += 1
                last_close[info["kind"]] = max(last_close[info["kind"]], time.monotonic() - info["t"])
        waited = a.close_within - max(0.0, deadline - time.monotonic())
    time.sleep(1)
    after = procstat.sample(a.pid)
    for key in list(sel.get_map().values()):
        key.fileobj.close()
    print(json.dumps({
        "opened_idle": opened["idle"],
        "opened_half": opened["half"],
        "connect_errors": len(connect_errors),
        "connect_error_kinds": sorted(set(connect_errors))[:3],
        "open_s": round(open_s, 1),
        "requests": a.requests,
        "requests_ok": ok,
        "p50_ms": round(procstat.pct(latencies, 50) * 1000, 1),
        "p95_ms": round(procstat.pct(latencies, 95) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "half_closed_by_server": closed["half"],
        "idle_closed_by_server": closed["idle"],
        "half_closed_after_s": round(last_close["half"], 1),
        "replies_before_close": replies,
        "waited_s": round(waited, 1),
        "baseline": baseline,
        "during": during,
        "max": sampler.max,
        "after": after,
    }))


if __name__ == "__main__":
    main()
