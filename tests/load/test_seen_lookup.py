"""The sources' memory read ahead: a folder's pages get their marks in one read, and a changed page is read again."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pipeline.load import loader
from pipeline.load.database import make_engine
from pipeline.load.migrate import upgrade
from pipeline.models import RawDocument, SeenMark, Unchanged
from pipeline.sources import iter_items


def test_a_folder_reads_its_marks_together_and_rereads_only_what_changed(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    for i in range(3):
        (tmp_path / f"page-{i}.txt").write_text(f"page {i}\n")
    reads: list[str] = []

    def retry(what: str, step: Callable[[], dict[str, SeenMark]]) -> dict[str, SeenMark]:
        reads.append(what)
        return step()

    first = list(iter_items([str(tmp_path)], loader.SeenLookup(engine, retry)))
    assert [type(i).__name__ for i in first].count("RawDocument") == 3
    assert len(reads) == 1  # three pages, one read

    run = loader.start_run(engine, str(tmp_path), "test", None)
    marks = [i for i in first if isinstance(i, SeenMark)]
    loader.load_batch(engine, run.run_id, {}, [], [], "test", marks)
    run.release()

    changed = tmp_path / "page-1.txt"
    changed.write_text("page 1, corrected\n")
    os.utime(changed, ns=(1, 1))  # another size and mtime: another fingerprint
    reads.clear()
    lookup = loader.SeenLookup(engine, retry)
    again = list(iter_items([str(tmp_path)], lookup))
    assert len(reads) == 1
    unchanged = sorted(Path(i.uri).name for i in again if isinstance(i, Unchanged))
    reread = [Path(i.uri).name for i in again if isinstance(i, RawDocument)]
    assert (unchanged, reread) == (["page-0.txt", "page-2.txt"], ["page-1.txt"])

    # a key nobody announced is still answered, by a read of its own
    assert lookup(str(tmp_path / "page-0.txt")) == marks[0]
    assert lookup(str(tmp_path / "elsewhere.txt")) is None
    assert len(reads) == 3
    engine.dispose()
