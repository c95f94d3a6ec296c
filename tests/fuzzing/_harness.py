"""The fuzzing contract, shared by every fuzz test: what may come out of an input path.

An input path may return normally or raise ``DocumentError`` carrying at least one problem,
each with a message; for arguments of the wrong Python type it may raise the ``TypeError`` its
docstring announces. Anything else is a bug, and so is taking too long (a hang) or allocating
too much (unbounded memory) on a small input.

The size of every run is set in one place: ``SPOCSCHEMA_FUZZ_EXAMPLES`` (examples per fuzz
test; default small enough for the normal suite) and ``SPOCSCHEMA_FUZZ_SECONDS`` (the per-call
time budget).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings

from spocschema.errors import DocumentError

T = TypeVar("T")

#: Examples per fuzz test. The normal suite keeps the whole fuzz run near 30 seconds.
EXAMPLES = int(os.environ.get("SPOCSCHEMA_FUZZ_EXAMPLES", "15"))
#: Wall-clock seconds one call may take before it counts as a hang.
CALL_SECONDS = float(os.environ.get("SPOCSCHEMA_FUZZ_SECONDS", "10"))
#: Bytes one call may allocate at its peak, beyond a multiple of its input size.
MEMORY_FLOOR = 64 * 1024 * 1024
MEMORY_PER_INPUT_BYTE = 200

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=CALL_SECONDS),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


class Hang(Exception):
    """A call ran past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float = CALL_SECONDS) -> Iterator[None]:
    """Interrupt the body with ``Hang`` after ``seconds`` (main thread, POSIX only)."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"call did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def memory_budget(input_size: int) -> Iterator[None]:
    """Fail if the body's peak allocation exceeds a bound proportional to its input."""
    limit = MEMORY_FLOOR + MEMORY_PER_INPUT_BYTE * input_size
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
        assert peak <= limit, f"peak allocation {peak} bytes exceeds {limit} for {input_size}"
    finally:
        if started:
            tracemalloc.stop()


def check_document_error(error: DocumentError) -> None:
    """A DocumentError must say what is wrong: at least one problem, each with a message."""
    assert error.problems, "DocumentError without problems"
    for problem in error.problems:
        assert problem.message.strip(), f"problem without a message: {problem!r}"
        assert len(problem.message) <= 500
    assert str(error).strip()


def outcome(
    call: Callable[[], T],
    *,
    input_size: int = 0,
    allowed: tuple[type[BaseException], ...] = (),
    track_memory: bool = True,
) -> T | BaseException:
    """Run ``call`` under the contract; return its result or the documented error it raised.

    ``track_memory=False`` skips the allocation bound (tracing slows pure-Python parsers
    about sixfold) where a test is about time, not memory.
    """
    memory = memory_budget(input_size) if track_memory else contextlib.nullcontext()
    try:
        with memory, time_budget():
            return call()
    except DocumentError as error:
        check_document_error(error)
        return error
    except allowed as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return error


def input_size(value: object) -> int:
    if isinstance(value, bytes | str):
        return len(value)
    return sys.getsizeof(value)
