"""Flow runs send heartbeats only where a server reads them."""

from __future__ import annotations

import pytest
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

from pipeline.flows.api import is_temporary, run_settings


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
