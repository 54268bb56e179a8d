"""`newsetl report` renders in a real browser: headless Chromium takes a screenshot and the test reads it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from PIL import Image
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.report import charts

WIDTH, HEIGHT = 900, 2600


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("NEWSETL_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (NEWSETL_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def _browser(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([_chromium(), *flags, *args], capture_output=True, text=True, timeout=120, check=True)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


@pytest.fixture(scope="module")
def report(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "--output", str(out)], env={"DATABASE_URL": seeded_url})
    assert result.exit_code == 0, result.output
    return out


def test_the_report_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "src=" not in html and "href=" not in html  # nothing to fetch
    assert html.count("<svg") == 4


def test_the_page_renders_the_data_in_chromium(report: Path, seeded_url: str, tmp_path: Path) -> None:
    dom = _browser(["--dump-dom", report.as_uri()], tmp_path / "dom").stdout
    with psycopg.connect(seeded_url) as conn:
        top = conn.execute(
            "select speaker from analytics.statements group by 1 order by count(*) desc, 1 limit 1"
        ).fetchone()
        articles = conn.execute("select count(*) from analytics.articles").fetchone()
    assert top is not None and articles is not None
    assert "Top speakers" in dom and top[0] in dom
    assert f"<b>{articles[0]}</b>articles" in dom

    shot = tmp_path / "report.png"
    _browser([f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", report.as_uri()], tmp_path / "shot")
    image = Image.open(shot).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    pixels = image.load()
    assert pixels is not None

    def runs_of(colour: str) -> list[tuple[int, int]]:
        """(row, longest run of the colour in that row) for rows holding the colour."""
        target, out = _rgb(colour), []
        for y in range(HEIGHT):
            best = run = 0
            for x in range(WIDTH):
                run = run + 1 if pixels[x, y] == target else 0
                best = max(best, run)
            if best:
                out.append((y, best))
        return out

    bars = [width for _, width in runs_of(charts.BAR_COLOUR) if width > 10]
    assert len(bars) > 50, "the speaker bars were not drawn"
    assert bars[0] == max(bars), "the most quoted speaker's bar comes first and is the longest"
    people = runs_of(charts.PERSON_COLOUR)
    organizations = runs_of(charts.ORGANIZATION_COLOUR)
    assert people and organizations, "the network shows people and organizations"
    assert min(y for y, _ in people + organizations) > max(y for y, _ in runs_of(charts.BAR_COLOUR)), (
        "the network is drawn below the speaker chart"
    )
