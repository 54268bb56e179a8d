"""What a source spec names: a local path, a URL, or a prefixed feed or URL list."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.sources import SourceError, absolute_spec, check_specs, is_local, split_spec


def test_specs_are_split_and_made_absolute_for_runs_started_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert split_spec("feed:news.rss") == ("feed:", "news.rss") and split_spec("pages/") == ("", "pages/")
    assert absolute_spec("feed:news.rss") == f"feed:{tmp_path / 'news.rss'}"
    assert absolute_spec("urls:list.urls") == f"urls:{tmp_path / 'list.urls'}"
    assert absolute_spec("https://example.org/feed.xml") == "https://example.org/feed.xml"
    assert absolute_spec("feed:https://example.org/rss") == "feed:https://example.org/rss"
    assert is_local("pages/") and not is_local("feed:news.rss") and not is_local("https://example.org/")


def test_missing_paths_fail_before_a_run(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    check_specs([str(tmp_path), str(tmp_path / "*.txt"), "https://example.org/", f"feed:{tmp_path / 'a.txt'}"])
    with pytest.raises(SourceError, match="no such file or folder"):
        check_specs([f"feed:{tmp_path / 'missing.rss'}"])
    with pytest.raises(SourceError, match="no file matches"):
        check_specs([str(tmp_path / "*.html")])
