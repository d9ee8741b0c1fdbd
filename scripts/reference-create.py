#!/usr/bin/env python3
"""The Python reference's CheckpointManager.create and get, timed per operation, beside ManagerBenchmark.

Usage: scripts/reference-create.py [calls]   (default 100000)
Creates `calls` checkpoints in one manager with the reference's defaults (100 retained, compress
after 50), as ManagerBenchmark's steady states do, then looks up every retained id, and prints one
markdown table row per measurement: the per-operation time in microseconds and the rate.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                                "reference"))
from checkpoint_manager import CheckpointManager  # noqa: E402  (the path is set just above)


def per_operation(seconds, operations):
    return seconds / operations * 1e6


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    data = {"query": "checkpoint agents", "page": 3}

    one_name = CheckpointManager("bench")
    start = time.perf_counter()
    for _ in range(calls):
        one_name.create("step", data)
    create_one_name = per_operation(time.perf_counter() - start, calls)

    sixty_names = CheckpointManager("bench")
    start = time.perf_counter()
    for i in range(calls):
        sixty_names.create("step-%d" % (i % 60), data)
    create_sixty_names = per_operation(time.perf_counter() - start, calls)

    # Distinct names, so that compression keeps all 100 (the most the reference's defaults retain).
    hundred = CheckpointManager("bench")
    for i in range(100):
        hundred.create("step-%d" % i, data)
    ids = [checkpoint.id for checkpoint in hundred.get_all()]
    lookups = max(calls // 10, len(ids))
    start = time.perf_counter()
    for i in range(lookups):
        hundred.get(ids[i % len(ids)])
    get_retained = per_operation(time.perf_counter() - start, lookups)

    print("| reference (CPython %s) | µs/op | ops/s |" % sys.version.split()[0])
    print("|:--|--:|--:|")
    for label, micros in (("create, one name (%d calls)" % calls, create_one_name),
                          ("create, 60 names (%d calls)" % calls, create_sixty_names),
                          ("get(id), %d retained" % len(ids), get_retained)):
        print("| %s | %.3f | %s |" % (label, micros, format(int(1e6 / micros), ",")))


if __name__ == "__main__":
    main()
