"""Who said what: direct quotes, reported speech and transcript turns, with the speaker resolved.

Shapes follow textacy's direct-quotation triples (speaker, cue, content),
widened to reported speech (a cue verb's clausal complement, or the phrase of
"called for", "accused X of"), "quoted X as saying", "according to X", and
press-conference transcripts ("BBC:" then the question). Where quotes are
is pipeline.nlp.quotes' job, transcript turns pipeline.nlp.turns', and who a
pronoun or description ("he", "the spokesman") is, pipeline.nlp.speakers'.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.models import Statement, StatementKind
from pipeline.nlp.entities import ArticleEntities
from pipeline.nlp.model import text_of
from pipeline.nlp.quotes import find_quotations
from pipeline.nlp.speakers import PRONOUNS, resolve_speaker
from pipeline.nlp.turns import find_turns

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
        "indicate",
    }
)
# verbs whose reported content is their object or prepositional phrase, not a that-clause:
# "called for a ceasefire", "accused Beijing of ...", "expressed confidence that ...", "urged X to ..."
PHRASE_CUES = {"call": ("for", "on", "upon"), "appeal": ("for", "to"), "accuse": (), "urge": (), "express": ()}
MIN_QUOTE_WORDS = 5


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
    """A statement of text[start:end], trimmed of blanks, its offsets moved with the trim (text == doc[start:end])."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return Statement(speaker[0], speaker[1], kind, cue, text[start:end], start, end)


def _turns(doc: Doc, ents: ArticleEntities, body_start: int, body_end: int) -> list[Statement]:
    """Each transcript turn is a statement of its label's speaker; one that asks is a question."""
    out: list[Statement] = []
    for turn in find_turns(text_of(doc), body_start, body_end):
        key = ents.key_at(turn.label_start, turn.label_end)
        content = text_of(doc)[turn.start : turn.end]
        kind: StatementKind = "question" if "?" in content else "direct"
        out.append(_statement((turn.label, key), kind, None, text_of(doc), turn.start, turn.end))
    return out


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
    text = text_of(doc)
    for q in find_quotations(text, body_start, body_end):
        qs, qe = q.start - 1, q.end + 1  # with the marks
        words = text[q.start : q.end].split()
        if any(s <= qs < e for s, e in turn_spans) or len(words) < MIN_QUOTE_WORDS:
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
            speaker = resolve_speaker(subject, ents, qs)
        elif previous is not None and len(gap.split()) <= 8:
            speaker = previous  # the quote goes on after its attribution
        else:
            continue
        kind: StatementKind = "question" if text[q.start : q.end].rstrip().endswith("?") else "direct"
        out.append(_statement(speaker, kind, cue.lemma_ if cue is not None else None, text, q.start, q.end))
        previous, previous_end = speaker, qe
    return out


def _phrase_content(verb: Token) -> Token | None:
    """The first word of what a phrase cue reports ("called for [a ceasefire]"), or None when it reports nothing."""
    preps = PHRASE_CUES.get(verb.lemma_)
    if preps is None or verb.tag_ == "VBG":
        return None  # "signed a declaration calling for ...": the document calls, not its signers
    rights = [t for t in verb.rights if t.dep_ not in ("punct", "cc", "conj", "advmod", "npadvmod")]
    if preps:  # call, appeal: only with their preposition ("called the meeting" reports nothing)
        prep = next((t for t in rights if t.dep_ == "prep" and t.lower_ in preps), None)
        return prep
    obj = next((t for t in rights if t.dep_ == "dobj"), None)
    if obj is None:
        return None
    if verb.lemma_ == "accuse" and not any(t.dep_ == "prep" and t.lower_ == "of" for t in rights + list(obj.rights)):
        return None
    if verb.lemma_ == "express" and not any(
        c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in obj.children
    ):
        return None  # "expressed confidence that ...": a report; "expressed their opposition": a stance
    if verb.lemma_ == "urge" and not any(t.dep_ in ("xcomp", "ccomp") for t in verb.children):
        return None
    return obj


def _phrase_span(doc: Doc, verb: Token, first: Token) -> tuple[int, int]:
    """From the content's first word to the end of the verb's last complement, without closing punctuation."""
    rights = [t for t in verb.rights if t.i >= first.i and t.dep_ not in ("punct", "cc", "conj")]
    right = max(t.right_edge.i for t in rights) if rights else first.right_edge.i
    left = first.i
    if first.dep_ == "prep" and first.lower_ in PHRASE_CUES.get(verb.lemma_, ()) and first.lower_ != "to":
        left = first.i + 1  # "called for [...]": the cue is "call for", the content what follows
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def extract_statements(doc: Doc, ents: ArticleEntities, body_start: int, body_end: int) -> list[Statement]:
    statements = _turns(doc, ents, body_start, body_end)
    turn_spans = [(st.start, st.end) for st in statements]
    quotes = _quotes(doc, body_start, body_end, turn_spans, ents)
    statements.extend(quotes)
    quote_ranges = [(q.start - 1, q.end + 1) for q in quotes]
    for verb in doc:
        if verb.idx < body_start or verb.idx >= body_end or verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.lemma_ in CUE_VERBS:
            comp = next((t for t in verb.children if t.dep_ == "ccomp"), None) or _statement_clause(verb)
            if comp is None:
                continue
            start, end = _clause_text(doc, comp)
            cue = verb.lemma_
        elif (first := _phrase_content(verb)) is not None:
            start, end = _phrase_span(doc, verb, first)
            cue = f"{verb.lemma_} {first.lower_}" if first.dep_ == "prep" and first.lower_ != "to" else verb.lemma_
        else:
            continue
        if _overlaps(start, end, quote_ranges) or end - start < 15:
            continue
        who = _quoted_as_saying(verb) if verb.tag_ == "VBG" else None
        subject = who or _subject(verb)
        if subject is None or subject.lower_ in NON_SPEAKERS:
            continue
        speaker = resolve_speaker(subject, ents, verb.idx)
        if speaker[0].lower() in PRONOUNS and speaker[1] is None:
            continue
        statements.append(_statement(speaker, "indirect", cue, text_of(doc), start, end))
    statements.extend(_according_to(doc, ents, body_start, body_end, quote_ranges))
    return _dedupe([cut for st in statements if (cut := _within(st, doc, body_start, body_end))])


def _within(st: Statement, doc: Doc, body_start: int, body_end: int) -> Statement | None:
    """The statement cut to the body: the parser may join a headline or caption to the body's first or last
    clause ("1.\nCRI: ... said"), and a statement's offsets must point into the body."""
    if body_start <= st.start and st.end <= body_end:
        return st
    start, end = max(st.start, body_start), min(st.end, body_end)
    if end - start < 15:
        return None
    cut = _statement((st.speaker_text, st.speaker_key), st.kind, st.cue, text_of(doc), start, end)
    return cut if cut.end - cut.start >= 15 else None


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
        speaker = resolve_speaker(source, ents, tok.idx)
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
        out.append(_statement(speaker, "indirect", "according to", text_of(doc), start, end))
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
