"""How fast this machine runs Python, printed by every bench beside its figures.

The same code measured a site search p95 of 38 ms on one day and 114 ms two days later: the
sessions ran on different machines, and nothing in the figures said so. A fixed pure-Python
workload, timed before the bench starts, gives each set of figures its scale: compare figures
from two runs only when their reference times are close, or scale them by the ratio.
"""

import time

REFERENCE_ADDITIONS = 3_000_000


def python_speed() -> str:
    """The best of three timings of a pure-Python loop, as a line to print."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(REFERENCE_ADDITIONS):
            total += i
        best = min(best, time.perf_counter() - started)
    return f"reference loop ({REFERENCE_ADDITIONS:,} additions in Python): {best * 1000:.0f} ms"
