"""docker-compose.yml cannot run here; it must at least parse and agree with the CLI and the settings' names."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.main import get_command

from pipeline.cli import app
from pipeline.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_compose_services_and_settings() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "migrate", "prefect-server", "worker", "metabase"} <= set(services)
    known = {f"NEWSETL_{name.upper()}" for name in Settings.model_fields}
    for name in ("migrate", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://")
        assert {k for k in env if k.startswith("NEWSETL_")} <= known
    assert "NEWSETL_READONLY_PASSWORD" in services["migrate"]["environment"]  # the role is made with its password
    assert services["worker"]["environment"]["PREFECT_API_URL"].startswith("http://prefect-server:")
    assert services["worker"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_compose_commands_exist_in_the_cli() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    cli = get_command(app)
    for name in ("migrate", "worker"):
        command = compose["services"][name]["command"]
        words = command.split() if isinstance(command, str) else command
        assert words[0] == "newsetl"
        group = cli
        for word in words[1:]:
            sub = getattr(group, "commands", {}).get(word)
            if sub is None:
                break
            group = sub
        assert group is not cli, f"{name}: {command} names no newsetl command"
    worker = compose["services"]["worker"]["command"]
    assert worker[:2] == ["newsetl", "serve"] and "--cron" in worker
