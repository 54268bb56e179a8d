"""Sources: documents per second for each input type, and memory while streaming a large archive.

Builds, in a scratch folder, the seeds repeated to N documents in each format (a folder of .txt
pages, a WARC.gz of HTML responses, a JSON Lines file, and an RSS feed whose pages a loopback HTTP
server serves), then times reading them through pipeline.sources (and reading plus cleaning).
Memory: peak Python allocations (tracemalloc) while streaming WARCs of N and 10 x N records;
flat means the peak does not grow with the archive.

    python benchmarks/source_speed.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import tempfile
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.clean import clean_document
from pipeline.models import RawDocument
from pipeline.sources import iter_items
from pipeline.sources.http import Fetcher, FetchSettings

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _pages(n: int) -> list[tuple[str, bytes]]:
    seeds = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    out = []
    for i in range(n):
        text = seeds[i % len(seeds)] + f"\nCopy {i}."
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        out.append((f"/page/{i}.html", f"<html><body><article>{paragraphs}</article></body></html>".encode()))
    return out


def _write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                "https://example.org" + url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _serve(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml" if self.path == "/feed.xml" else "text/html")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _time(specs: list[str], fetcher: Fetcher | None = None, clean: bool = False) -> tuple[int, float]:
    start, n = time.perf_counter(), 0
    for item in iter_items(specs, fetcher=fetcher):
        if isinstance(item, RawDocument):
            n += 1
            if clean:
                clean_document(item)
    return n, time.perf_counter() - start


def _peak_streaming(path: Path) -> tuple[int, float]:
    tracemalloc.start()
    n = sum(1 for item in iter_items([str(path)]) if isinstance(item, RawDocument))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return n, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    n = parser.parse_args().documents
    pages = _pages(n)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pages").mkdir()
        seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
        for i in range(n):
            (root / "pages" / f"{i}.txt").write_bytes(seeds[i % len(seeds)] + f"\nCopy {i}.".encode())
        _write_warc(root / "crawl.warc.gz", pages)
        with gzip.open(root / "articles.jsonl.gz", "wt", encoding="utf-8") as out:
            for url, body in pages:
                out.write(json.dumps({"url": "https://example.org" + url, "html": body.decode()}) + "\n")
        served = dict(pages)
        server, base = _serve(served)
        served["/feed.xml"] = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>'
            + "".join(f"<item><title>{i}</title><link>{base}{u}</link></item>" for i, (u, _) in enumerate(pages))
            + "</channel></rss>"
        ).encode()
        fetcher = Fetcher(FetchSettings(min_interval_s=0.0, respect_robots=False))
        print(f"{'source':28} {'documents':>9} {'read docs/s':>12} {'read+clean docs/s':>18}")
        for label, specs, fetch in (
            ("folder of .txt pages", [str(root / "pages")], None),
            ("WARC.gz", [str(root / "crawl.warc.gz")], None),
            ("JSON Lines (gzip)", [str(root / "articles.jsonl.gz")], None),
            ("RSS feed over HTTP", [base + "/feed.xml"], fetcher),
        ):
            count, read_s = _time(specs, fetch)
            _, clean_s = _time(specs, fetch, clean=True)
            print(f"{label:28} {count:9} {count / read_s:12.0f} {count / clean_s:18.1f}")
        fetcher.close()
        server.shutdown()

        big = root / "big.warc.gz"
        _write_warc(big, _pages(n * 10))
        small_n, small_peak = _peak_streaming(root / "crawl.warc.gz")
        big_n, big_peak = _peak_streaming(big)
        print(
            f"memory while streaming: {small_n:,} records peak {small_peak:.1f} MiB; "
            f"{big_n:,} records ({big.stat().st_size / 2**20:.0f} MiB archive) peak {big_peak:.1f} MiB"
        )


if __name__ == "__main__":
    main()
