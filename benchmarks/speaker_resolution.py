"""Statements on real news text: how many, of which kind, and how their speakers were resolved.

Runs the language stage over the hand-checked article bodies of a corpus laid out like the
article-extraction-benchmark (ground-truth.json: sha -> {"url", "articleBody"}) and prints, per
form of speaker (a name, a pronoun, a description such as "the spokesman", an unnamed source),
how many statements there are and how many were linked to a person or organization.

    python benchmarks/speaker_resolution.py PATH/TO/article-extraction-benchmark [--show pronoun]

--show FORM prints every statement of that form with the speaker it was given, for a person to
check: resolution accuracy is that person's count, not something this script can know.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from pipeline.config import get_settings
from pipeline.models import Article, Extraction, Statement
from pipeline.nlp.extract import extract_batch
from pipeline.nlp.speakers import PRONOUNS


def form_of(st: Statement, x: Extraction) -> str:
    words = st.speaker_text.split()
    if st.speaker_text.lower() in PRONOUNS:
        return "pronoun"
    if any(st.speaker_text in e.aliases or st.speaker_text.endswith(e.name) for e in x.entities):
        return "name"
    if words and words[0].lower() in ("the", "this"):
        return "description"
    if st.cue is None:
        return "transcript"
    return "unnamed or other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", choices=["name", "pronoun", "description", "transcript", "unnamed or other"])
    args = parser.parse_args()
    truth = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    articles = [
        Article(uri=v["url"], raw_sha256=sha, title="", body=v["articleBody"], language="en")
        for sha, v in sorted(truth.items())
        if v.get("articleBody")
    ]
    began = time.perf_counter()
    extractions = extract_batch(articles, get_settings().spacy_model)
    seconds = time.perf_counter() - began
    kinds: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    linked: Counter[str] = Counter()
    for x in extractions:
        names = {e.key: e.name for e in x.entities}
        for st in x.statements:
            assert x.article.body[st.start : st.end] == st.text, "offsets must point into the body"
            kinds[st.kind] += 1
            form = form_of(st, x)
            forms[form] += 1
            linked[form] += st.speaker_key is not None
            if args.show == form:
                context = x.article.body[max(0, st.start - 300) : st.start].replace("\n", " ")
                print(f"[{names.get(st.speaker_key or '', '-')}] <- {st.speaker_text!r} {st.cue}: ...{context[-300:]}")
    total = sum(kinds.values())
    print(f"{len(articles)} articles, {total} statements in {seconds:.1f} s; by kind: {dict(kinds)}")
    print(f"{'speaker form':<18} {'statements':>10} {'linked':>8}")
    for form, n in forms.most_common():
        print(f"{form:<18} {n:>10} {linked[form]:>8} ({linked[form] / n:.0%})")


if __name__ == "__main__":
    main()
