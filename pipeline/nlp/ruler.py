"""Entity patterns for what the small English model misses in news copy, added after its NER.

Three shapes that hold in news writing everywhere: a person named right after a
title ("spokesman Kong Quan", "Minister Lavrov"), a government body or
institution named by its head noun ("Foreign Ministry", "Ministry of Defence",
"Security Council"), and an organization spelled out before its acronym in
parentheses ("Collective Security Treaty Organization (CSTO)"). The patterns
only fill gaps: a token the model already labelled keeps its label.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp import names

COMPONENT = "news_entity_patterns"

# titles that stand right before a name (not "new", "former", "head" ...: those are names.TITLE_WORDS too,
# but do not announce a name), and abbreviated honorifics and ranks as written ("St." would be a saint or a city)
PERSON_TITLES = sorted(
    {
        "president", "premier", "minister", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson",
        "ambassador", "envoy", "senator", "governor", "mayor", "general", "admiral", "colonel", "lieutenant",
        "captain", "commander", "chairman", "chairwoman", "director", "professor", "judge", "king", "queen",
        "prince", "pope", "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "col.", "lt.", "capt.", "maj.", "sen.",
        "rep.",
    }
)  # fmt: skip
ORG_HEADS = sorted(
    {
        "ministry",
        "agency",
        "council",
        "committee",
        "commission",
        "organization",
        "organisation",
        "party",
        "parliament",
        "assembly",
        "bureau",
        "department",
        "office",
        "army",
        "navy",
        "bank",
        "union",
        "association",
        "institute",
        "university",
        "court",
        "corporation",
        "federation",
        "alliance",
        "front",
        "movement",
        "service",
        "forces",
        "academy",
        "foundation",
        "group",
        "company",
    }
)

_PATTERNS: dict[str, list[list[dict[str, object]]]] = {
    "PERSON_AFTER_TITLE": [
        [
            {"LOWER": {"IN": PERSON_TITLES}},
            {"POS": "PROPN", "IS_TITLE": True, "ENT_TYPE": {"IN": ["", "PERSON"]}},
            {"POS": "PROPN", "IS_TITLE": True, "ENT_TYPE": {"IN": ["", "PERSON"]}, "OP": "{0,2}"},
        ]
    ],
    "ORG_BY_HEAD": [
        [
            {"IS_TITLE": True, "POS": {"IN": ["PROPN", "ADJ"]}, "OP": "{1,4}"},
            {"LOWER": {"IN": ORG_HEADS}, "IS_TITLE": True},
        ],
        [
            {"LOWER": {"IN": ORG_HEADS}, "IS_TITLE": True},
            {"LOWER": {"IN": ["of", "for"]}},
            {"LOWER": "the", "OP": "?"},
            {"IS_TITLE": True, "POS": {"IN": ["PROPN", "ADJ", "NOUN"]}, "OP": "{1,4}"},
        ],
    ],
    "ORG_BEFORE_ACRONYM": [
        [
            {"IS_TITLE": True, "OP": "{2,7}"},
            {"ORTH": "("},
            {"IS_UPPER": True, "LENGTH": {">=": 2}},
            {"ORTH": ")"},
        ]
    ],
}


class NewsEntityPatterns:
    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        for key, patterns in _PATTERNS.items():
            self.matcher.add(key, patterns)

    def __call__(self, doc: Doc) -> Doc:
        strong: list[Span] = []  # a name after a title, a name confirmed by its acronym
        weak: list[Span] = []  # an institution guessed from its head noun
        for match_id, start, end in self.matcher(doc):
            rule = doc.vocab.strings[match_id]
            span = _entity_of(doc, rule, start, end)
            if span is not None and all(t.ent_type_ == "" for t in span):
                (weak if rule == "ORG_BY_HEAD" else strong).append(span)
        chosen = filter_spans(strong)
        taken = {i for span in chosen for i in range(span.start, span.end)}
        chosen += [s for s in filter_spans(weak) if not taken.intersection(range(s.start, s.end))]
        if chosen:
            doc.set_ents(chosen, default="unmodified")
        return doc


def _entity_of(doc: Doc, rule: str, start: int, end: int) -> Span | None:
    if rule == "PERSON_AFTER_TITLE":
        name = doc[start + 1 : end]
        if any(names.is_country(t.text) or names.is_title_word(t.text) for t in name):
            return None
        return Span(doc, name.start, name.end, label="PERSON")
    if rule == "ORG_BEFORE_ACRONYM":
        words = doc[start : end - 3]
        acronym = doc[end - 2].text
        # the acronym's letters are the initials of the words right before it (leading words may be extra)
        for first in range(words.start, words.end - 1):
            candidate = doc[first : words.end]
            if names.initials(candidate.text) == acronym:
                return Span(doc, candidate.start, candidate.end, label="ORG")
        return None
    span = doc[start:end]
    if names.is_country(span.text) or span[0].ent_type_ in ("GPE", "NORP"):
        return None
    return Span(doc, start, end, label="ORG")


@Language.factory(COMPONENT)
def make_news_entity_patterns(nlp: Language, name: str) -> NewsEntityPatterns:
    return NewsEntityPatterns(nlp)
