"""Dask settings for the flow's client and the local cluster the ingest flow (and `newsetl bench`) starts
when no scheduler address is given.

One single-threaded worker process per analysis worker, each keeping its model. Three of Dask's
defaults are changed, each measured with `newsetl bench`:

- Dask sets MALLOC_TRIM_THRESHOLD_=65536 in the workers it spawns, to hand memory back to the
  system early; setting it also turns off glibc's adaptive mmap threshold, so the language
  model's large temporary arrays are mapped and unmapped on every call. On 161 articles spaCy
  took 35.8 s in a Dask worker, 29.4 s once the variable is left unset (29.7 s in a plain
  worker process).
- Dask keeps the last 1,000 messages of every connection, and the last 1,000 events of every
  worker, for its developers' debugging (`distributed.admin.low-level-log-length`). A message
  that submits a batch holds the batch's articles, and a run has far fewer than 1,000 batches:
  the flow's process (client and local scheduler) and the workers kept every batch they had
  seen, about 13 MB more per 1,000 articles. A short log keeps them bounded by the batch size.
- Each worker samples its threads' stacks every 10 ms for the dashboard's profile page
  (`distributed.worker.profile`): about 3% of a busy worker's time (py-spy, two workers on 181
  pages), taken from the model on a machine whose every core is a worker. Off: the dashboard's
  profile page stays empty.
"""

from __future__ import annotations

from typing import Any

DEBUG_LOG_LENGTH = 10  # messages and events Dask keeps per connection and per worker


def configure_dask() -> None:
    """Before the client or the cluster starts: Dask reads these when it creates them (and hands them
    to the worker processes it spawns)."""
    import dask
    import distributed  # noqa: F401 (registers the distributed.* defaults changed here)

    dask.config.set(
        {
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            "distributed.admin.low-level-log-length": DEBUG_LOG_LENGTH,
            "distributed.worker.profile.enabled": False,
        }
    )


def local_cluster(workers: int) -> dict[str, Any]:
    """Keyword arguments of `distributed.LocalCluster`, with Dask configured for the pipeline."""
    configure_dask()
    return {"n_workers": workers, "threads_per_worker": 1, "processes": True}
