#!/usr/bin/env python3
"""Slow clients against one download URL, while a fast client uses the same service.

Fault: `--clients` clients each read `--path` at about `--rate` bytes/s (small receive buffer, small recv, sleeps),
so the server's sends block on them for `--hold` seconds. Meanwhile a fast client downloads `--path` whole (checking
its sha256) and makes `--small-count` small GETs of `--small-path`, each timed. The service process `--pid` is sampled
from /proc (threads, RSS, descriptors) before and during the load.

Prints one JSON object; the caller (.ci/checks/faults.sh) decides what passes.
"""
import argparse
import hashlib
import http.client
import json
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procstat  # noqa: E402


def slow_reader(host, port, path, rate, stop, result):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)  # back-pressure reaches the server quickly
    s.settimeout(30)
    try:
        s.connect((host, port))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: slow-client\r\n\r\n".encode())
        head = b""
        chunk = 1024
        pause = chunk / rate
        while not stop.is_set():
            b = s.recv(chunk)
            if not b:
                result["closed_by_server"] = True
                break
            if not result["status"]:
                head += b
                if b"\r\n" in head:
                    result["status"] = int(head.split(b" ", 2)[1])
            result["bytes"] += len(b)
            time.sleep(pause)
    except OSError as e:
        result["error"] = str(e)
    finally:
        s.close()


def timed_get(host, port, path, sha=None):
    t0 = time.monotonic()
    c = http.client.HTTPConnection(host, port, timeout=60)
    try:
        c.request("GET", path)
        r = c.getresponse()
        h = hashlib.sha256()
        n = 0
        while True:
            b = r.read(1 << 16)
            if not b:
                break
            h.update(b)
            n += len(b)
        ok = r.status == 200 and (sha is None or h.hexdigest() == sha)
        return time.monotonic() - t0, ok, n
    finally:
        c.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--path", required=True)
    ap.add_argument("--sha256", required=True)
    ap.add_argument("--small-path", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--rate", type=int, default=10240)
    ap.add_argument("--hold", type=float, default=20)
    ap.add_argument("--small-count", type=int, default=50)
    a = ap.parse_args()

    timed_get(a.host, a.port, a.small_path)  # warm up
    time.sleep(0.5)
    baseline = procstat.sample(a.pid)
    stop = threading.Event()
    results = [{"bytes": 0, "status": 0, "closed_by_server": False, "error": None} for _ in range(a.clients)]
    threads = [
        threading.Thread(target=slow_reader, args=(a.host, a.port, a.path, a.rate, stop, r), daemon=True)
        for r in results
    ]
    t_start = time.monotonic()
    with procstat.Sampler(a.pid) as sampler:
        for t in threads:
            t.start()
        time.sleep(3)  # every slow client connected, headers received, server sends now blocked on them
        fast_s, fast_ok, fast_n = timed_get(a.host, a.port, a.path, a.sha256)
        small = []
        small_ok = 0
        for _ in range(a.small_count):
            s, ok, _n = timed_get(a.host, a.port, a.small_path)
            small.append(s)
            small_ok += ok
        time.sleep(max(0.0, a.hold - (time.monotonic() - t_start)))
        during = procstat.sample(a.pid)
        stop.set()
        for t in threads:
            t.join(timeout=10)
        held = time.monotonic() - t_start
    time.sleep(2)
    after = procstat.sample(a.pid)
    rates = [r["bytes"] / held for r in results]
    print(json.dumps({
        "clients": a.clients,
        "slow_status_200": sum(1 for r in results if r["status"] == 200),
        "slow_closed_by_server": sum(1 for r in results if r["closed_by_server"]),
        "slow_errors": sorted({r["error"] for r in results if r["error"]}),
        "slow_rate_min_kbs": round(min(rates) / 1024, 1),
        "slow_rate_max_kbs": round(max(rates) / 1024, 1),
        "held_s": round(held, 1),
        "fast_download_s": round(fast_s, 2),
        "fast_download_ok": fast_ok,
        "fast_download_mb": round(fast_n / 1048576, 1),
        "small_ok": small_ok,
        "small_count": a.small_count,
        "small_p50_ms": round(procstat.pct(small, 50) * 1000, 1),
        "small_p95_ms": round(procstat.pct(small, 95) * 1000, 1),
        "small_max_ms": round(max(small) * 1000, 1),
        "baseline": baseline,
        "during": during,
        "max": sampler.max,
        "after": after,
    }))


if __name__ == "__main__":
    main()
