"""How many processes a stage may use: the cores this process may run on, and how many of them
other processes keep busy now. Extraction and validation both ask.
"""

from __future__ import annotations

import os
import time

LOADAVG = "/proc/loadavg"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def busy_elsewhere(samples: int = 3, pause: float = 0.02) -> float:
    """How many cores other processes keep busy now.

    Linux counts the runnable tasks in ``/proc/loadavg`` ("3/86": 3 running); this process is
    one of them, and the fewest of a few samples is kept (a task that just woke up is not a
    load). The 1-minute load average is the fallback: it lags, and counts this process's own
    work of the last minute (extraction on every core just before), so it is used only where
    there is nothing better.
    """
    try:
        counts = []
        for i in range(samples):
            if i:
                time.sleep(pause)
            with open(LOADAVG, encoding="ascii") as handle:
                counts.append(int(handle.read().split()[3].split("/")[0]) - 1)
        return float(max(0, min(counts)))
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except OSError:  # not available on this platform
            return 0.0
