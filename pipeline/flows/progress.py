"""A process-local progress hook: the CLI draws a bar, a scheduled run logs instead.

Flow parameters must be serialisable for Prefect's API, so the callback cannot
travel as a parameter; it is registered here by whoever runs the flow in-process.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models import RunCounts

ProgressHook = Callable[[int, RunCounts], None]

_hooks: list[ProgressHook] = []


def register(hook: ProgressHook) -> None:
    _hooks.append(hook)


def clear() -> None:
    _hooks.clear()


def report(documents: int, counts: RunCounts) -> None:
    for hook in list(_hooks):
        hook(documents, counts)
