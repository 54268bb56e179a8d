"""One Prefect API for the flow and the worker processes it starts.

With no PREFECT_API_URL, Prefect starts a temporary server in the first process that needs
one. A worker process (Dask, or the process pool) is such a process too: each started a server
of its own on its first task, about 8 seconds of a worker's time (measured by `newsetl bench`,
found with py-spy) and a second orchestration database holding the workers' task runs, out of
the flow's sight. Starting the temporary server here and naming it in the environment, before
any worker is spawned, gives every process of the run the same API.
"""

from __future__ import annotations

import os

from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED


def share_api() -> str | None:
    """The API this process and the workers it spawns from now on talk to; None when Prefect has none.

    A configured PREFECT_API_URL (a real server) is left alone. Idempotent: the temporary server is
    Prefect's own per-process singleton, stopped when this process exits.
    """
    configured = os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()
    if configured:
        return str(configured)
    if not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    return server.api_url
