"""Drives the Python reference (checkpoint_manager.py, copied verbatim from shared/reference) for
ReferenceCompatibilityTest. Reads one JSON request on stdin, writes one JSON answer on stdout.

Time is replaced by a clock that advances one microsecond per call, so the reference's ordering by
timestamp equals creation order and its compression is deterministic (on a real clock, two creates
in the same microsecond make it keep the older of the two: a defect we do not reproduce).
"""
import json
import math
import os
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checkpoint_manager  # noqa: E402


class SteppingClock(datetime):
    current = datetime(2026, 11, 23, 10, 0, 0, tzinfo=timezone.utc)

    @classmethod
    def now(cls, tz=None):
        SteppingClock.current += timedelta(microseconds=1)
        return SteppingClock.current


checkpoint_manager.datetime = SteppingClock


def replay(request):
    """Applies each sequence's create/clear ops; answers, per sequence, the retained ids after every op."""
    return [replay_sequence(sequence) for sequence in request["sequences"]]


def replay_sequence(sequence):
    manager = checkpoint_manager.CheckpointManager(
        sequence["session"], max_checkpoints=sequence["max_checkpoints"],
        compress_after=sequence["compress_after"])
    answers = []
    for op in sequence["ops"]:
        if op[0] == "create":
            manager.create(op[1], {"i": len(answers)})
        elif op[0] == "clear":
            manager.clear()
        answers.append([cp.id for cp in manager.get_all()])
    return answers


def fixture(_request):
    """A reference export whose data covers what the interchange format must carry."""
    manager = checkpoint_manager.CheckpointManager("py-session")
    SteppingClock.current = datetime(2026, 11, 23, 9, 59, 59, 999999, tzinfo=timezone.utc)
    manager.create("whole_second", {"note": "timestamp with no fraction"})
    manager.create("task_started", {
        "unicode": "h\u00e9llo \u2713 \u65e5\u672c \U0001F600",
        "nested": {"a": [1, {"b": None}], "c": {"d": {"e": [True, False]}}},
        "big": 2 ** 100,
        "negative_big": -(2 ** 70),
        "int": 42,
        "float": 0.1,
        "huge_float": 1e300,
        "tiny_float": 5e-324,
        "negative_zero": -0.0,
        "inf": float("inf"),
        "negative_inf": float("-inf"),
        "nan": float("nan"),
        "empty_list": [],
        "empty_object": {},
        "null": None,
    }, {"source": "reference", "attempt": 1})
    manager.create("task_done", {"result": ["x", 1, 2.5]})
    return manager.export()


def reimport(request):
    """Imports an export into a fresh reference manager and exports it again."""
    manager = checkpoint_manager.CheckpointManager(request["session"])
    count = manager.import_checkpoints(request["json"])
    return {"count": count, "export": manager.export()}


def same_value(left, right):
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_value(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same_value(a, b) for a, b in zip(left, right))
    if isinstance(left, float):
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    return left == right


def compare(request):
    """Imports two exports and says whether they hold the same checkpoints, value for value."""
    managers = []
    for key in ("expected", "actual"):
        manager = checkpoint_manager.CheckpointManager("compare")
        manager.import_checkpoints(request[key])
        managers.append(manager.get_all())
    expected, actual = managers
    if len(expected) != len(actual):
        return {"equal": False, "why": "count %d != %d" % (len(expected), len(actual))}
    for e, a in zip(expected, actual):
        for field in ("id", "name", "timestamp", "data", "metadata"):
            if not same_value(getattr(e, field), getattr(a, field)):
                return {"equal": False, "why": "%s differs in %s: %r != %r"
                        % (e.id, field, getattr(e, field), getattr(a, field))}
    return {"equal": True, "why": ""}


if __name__ == "__main__":
    request = json.load(sys.stdin)
    handler = {"replay": replay, "fixture": fixture, "reimport": reimport, "compare": compare}[request["mode"]]
    json.dump(handler(request), sys.stdout)
