"""docker-compose.yml cannot run here; it must at least parse and agree with the settings' names."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_compose_services_and_settings() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"postgres", "prefect-server", "worker", "metabase"} <= set(compose["services"])
    env = compose["services"]["worker"]["environment"]
    assert env["DATABASE_URL"].startswith("postgresql://")
    known = {f"NEWSETL_{name.upper()}" for name in Settings.model_fields}
    assert {k for k in env if k.startswith("NEWSETL_")} <= known
