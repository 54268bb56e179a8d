"""Fault-making helpers shared by tests/test_faults.py and benchmarks/fault_injection.py.

A held, uncommitted person row makes a load wait mid-transaction on that row, so an
outage or a kill can be placed exactly inside a load, every time.
"""

from __future__ import annotations

import html
import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.nlp.names import name_key
from tests.stories import story, story_text

# what write_bad_documents makes: each kind of bad input and the reason it must be quarantined with
BAD_REASONS = {
    "empty": 2,
    "binary": 2,
    "invalid_utf8": 1,
    "too_large": 1,
    "no_article_text": 1,
    "truncated_record": 1,
    "bad_archive": 1,
    "bad_record": 1,
}
BAD_GOOD_ARTICLES = 3  # the nested page, the WARC's whole record, the good JSON line


def write_stories(folder: Path, numbers: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in numbers:
        path = folder / f"story{i:03d}.txt"
        path.write_text(story_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def story_html(i: int) -> bytes:
    headline, body = story(i)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    return f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>{paragraphs}</article></body></html>".encode()


@contextmanager
def holding_person(url: str, name: str) -> Iterator[psycopg.Connection]:
    """An uncommitted row for `name`: a load that meets the same person waits on it, inside its transaction."""
    conn = psycopg.connect(url)
    conn.execute("insert into people (canonical_name, name_key) values (%s, %s)", (name, name_key(name)))
    try:
        yield conn
    finally:
        if not conn.closed:
            conn.rollback()
            conn.close()


def waiting_loader(conn: psycopg.Connection, timeout_s: float = 120) -> int:
    """The pid of a backend of this database waiting on a lock (the held person row)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with psycopg.connect(conn.info.dsn, autocommit=True) as probe:
            row = probe.execute(
                "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
            ).fetchone()
        if row:
            return int(row[0])
        time.sleep(0.05)
    raise AssertionError("no load ever waited on the held row")


def during_held_load(hold: psycopg.Connection, fault: Callable[[], None]) -> threading.Thread:
    """Started: waits until a load stops on the held row, causes `fault`, then lets the row go whatever
    happened (a loader waiting for ever would hang the run)."""

    def run() -> None:
        try:
            waiting_loader(hold)
            fault()
        finally:
            hold.rollback()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def terminate_others(admin: psycopg.Connection, dbname: str, *keep: int) -> None:
    """Terminate every backend of `dbname` but `admin`'s and `keep`: a server restart, as its clients see it."""
    admin.execute(
        "select pg_terminate_backend(pid) from pg_stat_activity "
        "where datname = %s and pid <> pg_backend_pid() and pid <> all(%s)",
        (dbname, list(keep)),
    )


def write_bad_documents(folder: Path) -> list[str]:
    """Every kind of bad input in `folder`, with three good documents among them; returns the URIs written."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n   \n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\n" * 20)
    broken = story_text(1).replace("said", "said \u2013").encode() + bytes(range(0x80, 0xC0)) * 20  # then junk
    (folder / "broken.txt").write_bytes(broken)
    with (folder / "huge.txt").open("wb") as f:  # 50 MB, sparse: never read, refused by its size
        f.truncate(50 * 1024 * 1024)
    (folder / "menu.txt").write_text("Home\nNews\nSport\nWeather\nContact us\n")
    nested = b"<html><body>" + b"<div>" * 5000 + story_html(2) + b"</div>" * 5000 + b"</body></html>"
    (folder / "nested.html").write_bytes(nested)
    warc = io.BytesIO()
    writer = WARCWriter(warc, gzip=False)
    for i in (3, 4):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(story_html(i)), http_headers=headers
            )
        )
    (folder / "cut.warc").write_bytes(warc.getvalue()[:-400])  # the archive ends inside the second page
    good_line = json.dumps({"url": "https://news.example/5", "text": story_text(5)})
    (folder / "lines.jsonl").write_text(good_line + "\n{not json at all\n")

    pages = [p for p in folder.iterdir() if p.suffix in (".txt", ".html")]
    extra = [
        "https://news.example/3",
        "https://news.example/4",
        "https://news.example/5",
        f"{folder.resolve()}/lines.jsonl#L2",
    ]
    return sorted([str(p.resolve()) for p in pages] + extra)
