"""Seconds spent per stage of the current run (read, clean, extract, load ...), for `newsetl bench`.

Stages that run in worker processes report their seconds with their result; the flow adds them
here, in its own process. Module state, like progress.py: one run at a time per process.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_TOTALS: dict[str, float] = {}


def add(stage: str, seconds: float) -> None:
    _TOTALS[stage] = _TOTALS.get(stage, 0.0) + seconds


@contextmanager
def timed(stage: str) -> Iterator[None]:
    began = time.perf_counter()
    try:
        yield
    finally:
        add(stage, time.perf_counter() - began)


def reset() -> None:
    _TOTALS.clear()


def totals() -> dict[str, float]:
    return dict(_TOTALS)
