"""WARC and JSON Lines, written here in their real formats: what becomes a document, what is quarantined."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged
from pipeline.sources import iter_items
from pipeline.sources.files import fingerprint
from tests.loopback import page


def write_warc(path: Path, pages: dict[str, bytes], gz: bool = True) -> Path:
    """A crawl: for each page a request and a response, plus an image, a 404 and a metadata record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, body in pages.items():
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image
            )
        )
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/gone", "response", payload=io.BytesIO(b"<html>gone</html>"), http_headers=missing
            )
        )
        writer.write_record(writer.create_warc_record("https://example.org/", "metadata", payload=io.BytesIO(b"x: y")))
    return path


def test_only_html_responses_of_a_warc_become_documents(tmp_path: Path) -> None:
    pages = {f"https://example.org/news/{i}": page(f"Story {i}") for i in range(3)}
    for gz in (True, False):
        archive = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), pages, gz=gz)
        items = list(iter_items([str(archive)]))
        docs = [i for i in items if isinstance(i, RawDocument)]
        assert [d.uri for d in docs] == list(pages)
        assert all(d.media_type == "text/html" and d.fetched_at is not None for d in docs)
        assert docs[0].content == pages["https://example.org/news/0"]
        assert items[-1] == SeenMark(str(archive.resolve()), fingerprint(archive))  # marked after its documents


def test_a_seen_archive_is_skipped_without_reading_it(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc.gz", {"https://example.org/a": page("A")})
    marks = {m.key: m for m in iter_items([str(archive)]) if isinstance(m, SeenMark)}
    assert list(iter_items([str(archive)], seen=marks.get)) == [Unchanged(str(archive.resolve()))]


def test_a_truncated_warc_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz", {f"https://example.org/{i}": page(f"S{i}") for i in range(4)})
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) * 2 // 3] + b"garbage")
    items = list(iter_items([str(cut)]))
    assert any(isinstance(i, RawDocument) for i in items)
    assert isinstance(items[-1], Rejection) and items[-1].reason == "bad_archive"
    assert not any(isinstance(i, SeenMark) for i in items)  # a broken archive is read again next time


def test_json_lines_with_html_text_hints_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"url": "https://example.org/1", "html": page("One").decode(), "title": "One", "date": "2019-03-14"}
        ),
        json.dumps({"url": "https://example.org/2", "text": "Plain text story. " * 20, "published": "March 15, 2019"}),
        "{not json",
        json.dumps({"url": "https://example.org/3"}),
        json.dumps(["a", "list"]),
        "",
    ]
    for name, data in (
        ("a.jsonl", "\n".join(lines).encode()),
        ("b.jsonl.gz", gzip.compress("\n".join(lines).encode())),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        items = list(iter_items([str(path)]))
        docs = [i for i in items if isinstance(i, RawDocument)]
        bad = [i for i in items if isinstance(i, Rejection)]
        assert [(d.uri, d.media_type, d.title_hint, d.published_hint) for d in docs] == [
            ("https://example.org/1", "text/html", "One", "2019-03-14"),
            ("https://example.org/2", "text/plain", None, "March 15, 2019"),
        ]
        assert [(r.uri.rsplit("#", 1)[1], r.reason) for r in bad] == [
            ("L3", "bad_record"),
            ("L4", "bad_record"),
            ("L5", "bad_record"),
        ]
        assert isinstance(items[-1], SeenMark)


def test_a_folder_holds_pages_and_archives(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("A page dump.")
    write_warc(tmp_path / "crawl.warc.gz", {"https://example.org/a": page("A")})
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    uris = [i.uri for i in iter_items([str(tmp_path)]) if isinstance(i, RawDocument)]
    assert uris == ["https://example.org/a", str((tmp_path / "page.txt").resolve())]
