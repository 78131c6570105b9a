"""How fast this machine runs Python and reaches its memory, printed by every bench beside its
figures.

The same code measured a site search p95 of 38 ms on one day and 114 ms two days later: the
sessions ran on different machines, and nothing in the figures said so. A fixed pure-Python
workload, timed before the bench starts, gives each set of figures its scale: compare figures
from two runs only when their reference times are close, or scale them by the ratio.

The loop stays in the processor's caches, though, and a search over thousands of hits does
not: on one machine, in one session, the same PostgreSQL statement (the same plan, every page
in shared buffers) went from 8 to 20 ms while the loop stayed at 90 ms. Reads of list items in
a scattered order (over 150 MB), against the same reads in order, measure what such statements
wait for.
"""

import time

REFERENCE_ADDITIONS = 3_000_000
SCATTERED_ITEMS = 4_000_000
SCATTERED_READS = 1_000_000


def python_speed() -> str:
    """The best of three timings of a pure-Python loop, and the times per read of list items in
    order and scattered, as a line to print."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(REFERENCE_ADDITIONS):
            total += i
        best = min(best, time.perf_counter() - started)
    return (
        f"reference loop ({REFERENCE_ADDITIONS:,} additions in Python): {best * 1000:.0f} ms; "
        "list items read in order / scattered: {:.0f} / {:.0f} ns each".format(*read_ns())
    )


def read_ns() -> tuple[float, float]:
    """The best of three timings per read of list items, in order and scattered: the same
    interpreter work, so the difference is the wait for memory."""
    items = list(range(SCATTERED_ITEMS))
    in_order = list(range(SCATTERED_READS))
    # A multiplicative hash spreads consecutive reads over the whole list.
    scattered = [(i * 2_654_435_761) % SCATTERED_ITEMS for i in range(SCATTERED_READS)]
    timings = []
    for order in (in_order, scattered):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            sum(map(items.__getitem__, order))
            best = min(best, time.perf_counter() - started)
        timings.append(best / SCATTERED_READS * 1e9)
    return timings[0], timings[1]
