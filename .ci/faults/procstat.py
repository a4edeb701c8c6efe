"""What a service process holds right now, from /proc: threads, resident memory, open descriptors.

Used by the fault helpers (slowclients.py, idleconns.py) to sample a service while they load it.
"""
import os
import threading
import time


def pct(values, p):
    """The p-th percentile (nearest rank) of a non-empty list."""
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def sample(pid):
    """{'threads': n, 'rss_mb': x, 'fds': n} of process pid."""
    out = {"threads": 0, "rss_mb": 0.0, "fds": 0}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                out["threads"] = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                out["rss_mb"] = round(int(line.split()[1]) / 1024, 1)
    try:
        out["fds"] = len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        pass
    return out


class Sampler:
    """Samples pid every `every` seconds in the background and keeps the maxima."""

    def __init__(self, pid, every=0.25):
        self.pid, self.every = pid, every
        self.max = sample(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                s = sample(self.pid)
            except OSError:
                return
            for k, v in s.items():
                self.max[k] = max(self.max[k], v)
            time.sleep(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
