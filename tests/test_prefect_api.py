"""Flow runs send heartbeats, and the temporary server records task runs, only where somebody reads them."""

from __future__ import annotations

import os

import prefect.server.api.server
import pytest
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

import pipeline.flows.api
from pipeline.flows.api import TEMPORARY_SERVER_DEFAULTS, environment_defaults, is_temporary, run_settings, share_api


def test_no_heartbeats_against_a_temporary_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(updates={PREFECT_API_URL: None}):
        default = get_current_settings().flows.heartbeat_frequency
        assert is_temporary()
        with run_settings():
            assert get_current_settings().flows.heartbeat_frequency is None
        assert get_current_settings().flows.heartbeat_frequency == default


def test_a_real_server_keeps_its_heartbeats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    with temporary_settings(updates={PREFECT_API_URL: "http://prefect.example:4200/api"}):
        default = get_current_settings().flows.heartbeat_frequency
        assert default is not None and not is_temporary()
        with run_settings():
            assert get_current_settings().flows.heartbeat_frequency == default


def test_environment_defaults_fill_only_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_TEST_KEPT", "mine")
    monkeypatch.delenv("NEWSETL_TEST_ADDED", raising=False)
    with environment_defaults({"NEWSETL_TEST_KEPT": "default", "NEWSETL_TEST_ADDED": "default"}):
        assert os.environ["NEWSETL_TEST_KEPT"] == "mine"
        assert os.environ["NEWSETL_TEST_ADDED"] == "default"
    assert os.environ["NEWSETL_TEST_KEPT"] == "mine"
    assert "NEWSETL_TEST_ADDED" not in os.environ


def test_the_temporary_server_starts_without_its_recording_services(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server is a subprocess: what it runs is decided by the environment it starts with."""
    seen: dict[str, str] = {}

    class FakeServer:
        api_url = "http://127.0.0.1:1/api"

        def start(self) -> None:
            seen.update(os.environ)

    for name in ("PREFECT_API_URL", *TEMPORARY_SERVER_DEFAULTS):  # set, then removed: restored after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setattr(prefect.server.api.server, "SubprocessASGIServer", FakeServer)
    monkeypatch.setattr(pipeline.flows.api, "_STARTED_HERE", set())
    with temporary_settings(updates={PREFECT_API_URL: None}):
        assert share_api() == FakeServer.api_url
    assert all(seen[name] == "false" for name in TEMPORARY_SERVER_DEFAULTS)
    assert not any(name in os.environ for name in TEMPORARY_SERVER_DEFAULTS)
    assert os.environ["PREFECT_API_URL"] == FakeServer.api_url and is_temporary()
