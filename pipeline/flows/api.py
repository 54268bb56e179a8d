"""One Prefect API for the flow and the worker processes it starts.

With no PREFECT_API_URL, Prefect starts a temporary server in the first process that needs
one. A worker process (Dask, or the process pool) is such a process too: each started a server
of its own on its first task, about 8 seconds of a worker's time (measured by `newsetl bench`,
found with py-spy) and a second orchestration database holding the workers' task runs, out of
the flow's sight. Starting the temporary server here and naming it in the environment, before
any worker is spawned, gives every process of the run the same API.

A flow run also sends heartbeats from a thread that sleeps in 1-second steps and is joined when
the run ends: up to a second at the end of every run (0.46 s of a 1.1 s no-op run, profiled).
Heartbeats let a server mark a crashed run; a temporary server dies with the run, so nobody
reads them there. Runs against a real server (`newsetl serve`, PREFECT_API_URL) keep them.

For the same reason the temporary server runs without the services that turn task-run events
into database rows (task run recorder, event persister, automation triggers): their tables die
with the server unread, and they cost 0.7 of the server's 1.2 CPU-seconds on a 181-page run
(`newsetl bench`, psutil per process), CPU the language model needs when every core works.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    PREFECT_SERVER_EPHEMERAL_ENABLED,
    temporary_settings,
)

_STARTED_HERE: set[str] = set()  # the temporary servers share_api started in this process
TEMPORARY_SERVER_DEFAULTS = {
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
}


def share_api() -> str | None:
    """The API this process and the workers it spawns from now on talk to; None when Prefect has none.

    A configured PREFECT_API_URL (a real server) is left alone. Idempotent: the temporary server is
    Prefect's own per-process singleton, stopped when this process exits.
    """
    configured = _configured_url()
    if configured:
        return configured
    if not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    with environment_defaults(TEMPORARY_SERVER_DEFAULTS):  # the server's subprocess inherits them, not this one
        server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    _STARTED_HERE.add(server.api_url)
    return server.api_url


@contextmanager
def environment_defaults(values: dict[str, str]) -> Iterator[None]:
    """Set the variables the environment lacks, for the duration: a user's own setting wins."""
    added = [name for name in values if name not in os.environ]
    os.environ.update({name: values[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _configured_url() -> str | None:
    """The API named in the environment (share_api's own included) or in Prefect's settings."""
    return os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value() or None


def is_temporary() -> bool:
    """Whether flow runs from this process report to a temporary server rather than a real one."""
    configured = _configured_url()
    return not configured or configured in _STARTED_HERE


@contextmanager
def run_settings() -> Iterator[None]:
    """Prefect settings for flow runs started inside: no heartbeats when the API is temporary."""
    if not is_temporary():
        yield
        return
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
