"""Who said what: direct quotes, reported speech and transcript turns, with the speaker resolved.

Shapes follow textacy's direct-quotation triples (speaker, cue, content),
widened to reported speech (a cue verb's clausal complement), "quoted X as
saying", and press-conference transcripts ("BBC:" then the question).
Speakers written as pronouns or role descriptions ("he", "the spokesman")
are resolved to the nearest earlier person the article names with that role.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.clean.patterns import SPEAKER_TURN
from pipeline.models import Statement, StatementKind
from pipeline.nlp.entities import ArticleEntities

CUE_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "stress",
        "state",
        "note",
        "announce",
        "claim",
        "insist",
        "reply",
        "warn",
        "explain",
        "emphasize",
        "emphasise",
        "argue",
        "declare",
        "remark",
        "comment",
        "confirm",
        "deny",
        "acknowledge",
        "predict",
        "assert",
        "maintain",
        "reiterate",
        "admit",
        "answer",
        "respond",
        "write",
        "vow",
        "pledge",
        "underline",
        "underscore",
        "caution",
        "contend",
        "suggest",
        "observe",
        "recall",
        "describe",
    }
)
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
QUOTE = re.compile(r'"(?P<q>[^"\n]{3,}?)"')
MIN_QUOTE_WORDS = 5


def _speaker_span(token: Token) -> Span:
    """The speaker noun phrase: the subject with its modifiers, without relative clauses."""
    doc = token.doc
    left = min(
        [token.i]
        + [
            t.i
            for t in token.lefts
            if t.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "punct")
        ]
    )
    right = token.i
    for t in token.rights:
        if t.dep_ in ("prep", "compound", "appos", "punct") and t.dep_ != "relcl":
            if t.dep_ == "punct":
                break
            if t.dep_ == "prep" and token.pos_ == "PROPN" and t.lower_ not in ("of", "for", "from"):
                break  # "Hua Chunying at a regular briefing": where she spoke, not who she is
            right = max(right, t.right_edge.i)
    while right > token.i and doc[right].is_punct:
        right -= 1
    # a speaker is never spread over two paragraphs: the parser sometimes joins a headline above to it
    while left < token.i and "\n" in doc[left : token.i + 1].text:
        left += 1
    while right > token.i and "\n" in doc[token.i : right + 1].text:
        right -= 1
    return doc[left : right + 1]


def _resolve_speaker(token: Token, ents: ArticleEntities, offset: int) -> tuple[str, str | None]:
    """(speaker as written, entity key or None)."""
    span = _speaker_span(token)
    key = ents.key_at(token.idx, token.idx + len(token.text))
    if key is None:
        for t in span:
            if t.ent_type_ in ("PERSON", "ORG"):
                key = ents.key_at(t.idx, t.idx + len(t.text))
                if key:
                    break
    if key:
        return span.text, key
    low = token.lower_
    if low in PRONOUNS:
        recent = ents.people_before(offset)
        return span.text, (recent[0] if recent else None)
    if token.pos_ in ("NOUN", "PROPN") and any(t.lower_ == "the" for t in span):
        head = token.lower_
        for k in ents.people_before(offset):
            role = (ents.ref(k).role_title or "").lower()
            if head in role.split() or head in role:
                return span.text, k
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        # a surname the model did not tag here ("..., Prakash said"): the one person named so before
        owners = [
            k
            for k in dict.fromkeys(ents.people_before(offset))
            if token.text in ents.ref(k).name.split()[-1:] + ents.ref(k).name.split()[:1]
        ]
        if len(owners) == 1:
            return span.text, owners[0]
    return span.text, None


def _cue_for(sent: Span, start: int, end: int) -> Token | None:
    """The cue verb of a quote: outside the quote, in the same sentence, nearest to it."""
    cues = [t for t in sent if t.lemma_ in CUE_VERBS and t.pos_ in ("VERB", "AUX") and not (start <= t.idx < end)]
    if not cues:
        return None
    return min(cues, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))


def _subject(verb: Token) -> Token | None:
    for t in verb.children:
        if t.dep_ in ("nsubj", "nsubjpass"):
            return t
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """'quoted Foreign Ministry spokesman Kong Quan as saying ...' -> Kong Quan's token."""
    head = verb.head
    while head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    if head.lemma_ in ("quote", "cite"):
        for t in head.children:
            if t.dep_ == "dobj":
                return t
    return None


def _clause_text(doc: Doc, token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    while right.i > left.i and (right.is_punct or right.lower_ in ('"',)):
        right = doc[right.i - 1]
    if left.lower_ == "that" and left.i < right.i:
        left = doc[left.i + 1]
    return left.idx, right.idx + len(right.text)


def _statement(
    speaker: tuple[str, str | None], kind: StatementKind, cue: str | None, text: str, start: int, end: int
) -> Statement:
    return Statement(speaker[0], speaker[1], kind, cue, text.strip(), start, end)


def _turns(doc: Doc, ents: ArticleEntities, body_start: int) -> tuple[list[Statement], list[tuple[int, int]]]:
    """Transcript turns: a 'Speaker:' line and the paragraphs up to the next one."""
    text = doc.text
    labels = [
        m
        for m in re.finditer(r"(?m)^[^\n]{1,60}:$", text)
        if m.start() >= body_start and SPEAKER_TURN.match(m.group(0))
    ]
    out: list[Statement] = []
    spans: list[tuple[int, int]] = []
    for i, label in enumerate(labels):
        start = label.end()
        end = (
            labels[i + 1].start() if i + 1 < len(labels) else text.find("\n\n\n", start) % (len(text) + 1) or len(text)
        )
        content = text[start:end].strip()
        if len(content.split()) < 3:
            continue
        begin = text.index(content, start)
        name = label.group(0)[:-1].strip()
        key = ents.key_at(label.start(), label.start() + len(name))
        kind: StatementKind = "question" if "?" in content else "direct"
        out.append(_statement((name, key), kind, None, content, begin, begin + len(content)))
        spans.append((begin, begin + len(content)))
    return out, spans


NON_SPEAKERS = frozenset(
    {
        "meeting",
        "meetings",
        "talks",
        "summit",
        "visit",
        "conference",
        "agreement",
        "treaty",
        "move",
        "plan",
        "attack",
        "it",
        "this",
        "that",
        "they",
        "we",
        "i",
        "you",
        "which",
        "who",
    }
)


def _quotes(
    doc: Doc, body_start: int, body_end: int, turn_spans: list[tuple[int, int]], ents: ArticleEntities
) -> list[Statement]:
    """Direct quotes anywhere in the body; a quote with no cue of its own continues the previous one."""
    out: list[Statement] = []
    previous: tuple[str, str | None] | None = None
    previous_end = -1
    text = doc.text
    for m in QUOTE.finditer(text, body_start, body_end):
        qs, qe = m.start(), m.end()
        if any(s <= qs < e for s, e in turn_spans) or len(m.group("q").split()) < MIN_QUOTE_WORDS:
            continue
        first = doc.char_span(qs, qs + 1, alignment_mode="expand")
        last = doc.char_span(qe - 1, qe, alignment_mode="expand")
        if first is None or last is None:
            continue
        sents = {first.sent.start: first.sent, last.sent.start: last.sent}
        cue = None
        for sent in sents.values():
            cue = cue or _cue_for(sent, qs, qe)
        subject = _subject(cue) if cue is not None else None
        gap = text[previous_end:qs] if previous_end >= 0 else ""
        if cue is not None and subject is not None and subject.lower_ not in NON_SPEAKERS:
            speaker = _resolve_speaker(subject, ents, qs)
        elif previous is not None and len(gap.split()) <= 8:
            speaker = previous  # the quote goes on after its attribution
        else:
            continue
        kind: StatementKind = "question" if m.group("q").rstrip().endswith("?") else "direct"
        out.append(_statement(speaker, kind, cue.lemma_ if cue is not None else None, m.group("q"), qs + 1, qe - 1))
        previous, previous_end = speaker, qe
    return out


def extract_statements(doc: Doc, ents: ArticleEntities, body_start: int, body_end: int) -> list[Statement]:
    statements, turn_spans = _turns(doc, ents, body_start)
    quotes = _quotes(doc, body_start, body_end, turn_spans, ents)
    statements.extend(quotes)
    quote_ranges = [(q.start - 1, q.end + 1) for q in quotes]
    for verb in doc:
        if verb.idx < body_start or verb.idx >= body_end:
            continue
        if verb.lemma_ not in CUE_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        comp = next((t for t in verb.children if t.dep_ == "ccomp"), None) or _statement_clause(verb)
        if comp is None:
            continue
        start, end = _clause_text(doc, comp)
        if _overlaps(start, end, quote_ranges) or end - start < 15:
            continue
        who = _quoted_as_saying(verb) if verb.tag_ == "VBG" else None
        subject = who or _subject(verb)
        if subject is None or subject.lower_ in NON_SPEAKERS:
            continue
        speaker = _resolve_speaker(subject, ents, verb.idx)
        if speaker[0].lower() in PRONOUNS and speaker[1] is None:
            continue
        statements.append(_statement(speaker, "indirect", verb.lemma_, doc.text[start:end], start, end))
    statements.extend(_according_to(doc, ents, body_start, body_end, quote_ranges))
    return _dedupe(statements)


def _overlaps(start: int, end: int, quote_ranges: list[tuple[int, int]]) -> bool:
    """The span starts or ends inside a quotation already taken as a direct statement."""
    return any(qs <= start < qe or qs < end <= qe for qs, qe in quote_ranges)


def _according_to(
    doc: Doc, ents: ArticleEntities, body_start: int, body_end: int, quote_ranges: list[tuple[int, int]]
) -> list[Statement]:
    """'According to Hua Chunying, the talks were productive': the rest of the sentence, said by Hua.

    Only when the source is a person or organization of the article: "according to the report" or
    "according to data" attributes to a document, not to a speaker.
    """
    out: list[Statement] = []
    for tok in doc:
        if tok.lower_ != "according" or not (body_start <= tok.idx < body_end) or tok.i + 1 >= len(doc):
            continue
        to = doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if to.lower_ != "to" or source is None:
            continue
        speaker = _resolve_speaker(source, ents, tok.idx)
        if speaker[1] is None:
            continue
        phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
        rest = [t for t in tok.sent if t.i not in phrase]
        while rest and (rest[0].is_punct or rest[0].is_space):
            rest.pop(0)
        while rest and (rest[-1].is_punct or rest[-1].is_space):
            rest.pop()
        if len(rest) < 4 or any(rest[0].i < i < rest[-1].i for i in phrase):
            continue  # too short, or the phrase sits inside the clause and its text would not be one piece
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
        if _overlaps(start, end, quote_ranges):
            continue
        out.append(_statement(speaker, "indirect", "according to", doc.text[start:end], start, end))
    return out


MEDIUM_WORDS = {"statement", "interview", "release", "briefing", "speech", "letter", "post", "message", "email"}


def _statement_clause(verb: Token) -> Token | None:
    """'said in a statement that ...': the parser may hang the that-clause on the noun, not on the verb."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during")):
        for noun in (t for t in prep.children if t.dep_ == "pobj" and t.lower_ in MEDIUM_WORDS):
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    return clause
    return None


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """Nested clauses of one report ("said ... added ...") keep the outermost."""
    out: list[Statement] = []
    for st in sorted(statements, key=lambda s: (s.start, -(s.end - s.start))):
        if any(o.start <= st.start and st.end <= o.end and o.speaker_key == st.speaker_key for o in out):
            continue
        out.append(st)
    return out
