"""Events: typed happenings with CAMEO codes, participants from the grammar, dates and places.

A trigger word (a verb such as "met", a noun such as "talks") opens an event;
its participants are the entities in the trigger's grammatical arguments
(subject, object, "with"/"between" phrases, the verb that governs a noun
trigger), not every name in the sentence. Mentions of one happening in an
article are merged, keeping the richest date and place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from pipeline.models import Article, Event, PartialDate, Statement
from pipeline.nlp import dates
from pipeline.nlp.entities import ArticleEntities

# event type -> CAMEO code (the coding used by GDELT and ICEWS)
CAMEO = {
    "meeting": "040",
    "communication": "041",
    "visit": "042",
    "hosting": "043",
    "summit": "044",
    "talks": "046",
    "signing": "057",
    "agreement": "057",
    "press_conference": "010",
    "attack": "180",
}
NOUN_TRIGGERS = {
    "talks": "talks",
    "negotiations": "talks",
    "negotiation": "talks",
    "consultations": "talks",
    "meeting": "meeting",
    "meetings": "meeting",
    "visit": "visit",
    "visits": "visit",
    "trip": "visit",
    "summit": "summit",
    "briefing": "press_conference",
    "letter": "communication",
    "telegram": "communication",
    "message": "communication",
    "attack": "attack",
    "attacks": "attack",
    "bombing": "attack",
    "agreement": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
}
VERB_TRIGGERS = {
    "meet": "meeting",
    "visit": "visit",
    "sign": "signing",
    "negotiate": "talks",
    "host": "hosting",
    "attack": "attack",
    "bomb": "attack",
}
CONFERENCE_WORDS = {"press", "news"}
TRAVEL_VERBS = {"travel", "fly", "arrive", "head"}
PHONE_WORDS = {"phone", "telephone", "videolink", "video"}
PARTICIPANT_PREPS = {"with", "between", "among", "of", "by", "to"}
PLACE_PREPS = {"in", "at"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "going"}


@dataclass(slots=True)
class Candidate:
    event_type: str
    trigger: Token | None  # None for events read off a transcript
    participants: list[str] = field(default_factory=list)  # entity keys
    countries: list[str] = field(default_factory=list)
    place: str | None = None
    date: dates.ResolvedDate | None = None
    estimated: bool = False
    sentence: str = ""


def _trigger_type(tok: Token) -> str | None:
    low = tok.lower_
    if tok.pos_ == "VERB":
        if tok.lemma_ == "call" and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children):
            return "visit"  # "to call on Beijing"
        if tok.lemma_ in TRAVEL_VERBS and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
            return "visit"  # "will travel to Beijing": the place decides (see _candidates)
        if tok.lemma_ in ("speak", "talk") and _by_phone(tok):
            return "communication"  # "spoke by phone with"
        if tok.lemma_ == "agree" and any(
            (c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)) or (c.dep_ == "prep" and c.lower_ == "on")
            for c in tok.children
        ):
            return "agreement"  # "agreed to expand cooperation", "agreed on a ceasefire"
        if tok.lemma_ == "visit" and tok.dep_ == "amod":
            return "visit"  # "visiting Russian Security Council Secretary X"
        return VERB_TRIGGERS.get(tok.lemma_)
    if tok.pos_ in ("NOUN", "PROPN"):
        if low in ("conference", "conferences") and any(c.lower_ in CONFERENCE_WORDS for c in tok.lefts):
            return "press_conference"
        if low == "talks" and tok.tag_ == "VBZ":
            return None
        if low in ("call", "conversation") and any(c.lower_ in PHONE_WORDS for c in tok.lefts):
            return "communication"  # "a phone call", "a telephone conversation"
        return NOUN_TRIGGERS.get(low)
    return None


def _by_phone(verb: Token) -> bool:
    """'spoke by phone', 'talked over the telephone'."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("by", "over", "via", "on") and any(t.lower_ in PHONE_WORDS for t in c.subtree)
        for c in verb.children
    )


def _governing_verb(tok: Token) -> Token | None:
    """The verb a noun trigger hangs from ("held talks", "at the meeting with visiting X")."""
    head, steps = tok.head, 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and steps < 4:
        head, steps = head.head, steps + 1
    return head if head.pos_ in ("VERB", "AUX") and head is not tok else None


def _tense(verb: Token | None) -> dates.Tense:
    if verb is None:
        return "present"
    if any(c.lower_ in FUTURE_AUX or (c.dep_ == "aux" and c.lower_ == "to") for c in verb.children):
        return "future"
    if verb.dep_ in ("xcomp", "acl", "relcl") and any(c.lower_ == "to" for c in verb.children):
        return "future"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.dep_ in ("xcomp", "ccomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        return _tense(verb.head) if verb.tag_ in ("VB", "VBG") else "present"
    return "present"


def _argument_tokens(trigger: Token, verb: Token | None) -> list[Token]:
    tokens: list[Token] = []
    if trigger.pos_ == "VERB":
        if trigger.dep_ == "amod":
            tokens.extend(trigger.head.subtree)
        for c in trigger.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") or (
                c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS | {"on"}
            ):
                tokens.extend(c.subtree)
        tokens.extend(_implicit_subject(trigger))
    else:
        for c in trigger.children:
            if c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS):
                tokens.extend(c.subtree)
        if verb is not None and trigger.dep_ in ("dobj", "attr", "pobj", "npadvmod"):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("with", "to", "between")):
                    tokens.extend(c.subtree)
    return tokens


def _implicit_subject(verb: Token) -> list[Token]:
    """Who does an infinitive's action: "X plans to visit" (control), "X was the first leader to call on Y"."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    head = verb.head
    if verb.dep_ == "xcomp":
        return [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    if verb.dep_ in ("relcl", "acl") and head.dep_ == "attr":
        return [t for c in head.head.children if c.dep_ == "nsubj" for t in c.subtree]
    return []


def _place(trigger: Token, verb: Token | None, ents: ArticleEntities) -> str | None:
    heads = [trigger] + ([verb] if verb is not None else [])
    for head in heads:
        for c in head.children:
            visiting = _trigger_type(trigger) in ("visit", "hosting")
            preps = PLACE_PREPS | ({"to", "on"} if visiting else set())
            # "visit Tokyo": the visited place is the verb's object
            if (c.dep_ == "prep" and c.lower_ in preps) or (visiting and head is trigger and c.dep_ == "dobj"):
                for t in c.subtree:
                    place = ents.place_at(t.idx, t.idx + len(t.text))
                    if place is not None:
                        return place.name
    return None


def _dates_near(trigger: Token, verb: Token | None, doc: Doc) -> list[Span]:
    scope = {t.i for t in trigger.subtree}
    if trigger.dep_ == "amod":  # "visiting Secretary X, who came on 17th"
        scope.update(t.i for t in trigger.head.subtree)
    if verb is not None:
        scope.update(_time_modifiers(verb, scope))
    # "visiting Secretary X, who came on 17th": the parser may hang the relative clause on another noun
    after = max(t.i for t in trigger.subtree) + 1
    if after < len(doc) and doc[after].is_punct:
        after += 1
    if after < len(doc) and doc[after].lower_ in ("who", "which") and doc[after].head.dep_ == "relcl":
        scope.update(_time_modifiers(doc[after].head, scope))
    return [e for e in doc.ents if e.label_ == "DATE" and any(t.i in scope for t in e)]


def _time_modifiers(verb: Token, scope: set[int]) -> set[int]:
    """Token indexes of the verb's time adjuncts: "on Monday", "last week", "in July"."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("npadvmod", "prep", "tmod", "advmod", "obl") and c.i not in scope:
            if c.dep_ == "prep" and c.lower_ not in ("on", "in", "during", "at", "since", "until", "by"):
                continue
            out.update(t.i for t in c.subtree)
    return out


def _resolve_dates(spans: list[Span], anchor: dt.date | None, fallback_tense: dates.Tense) -> dates.ResolvedDate | None:
    resolved: list[tuple[Span, dates.ResolvedDate]] = []
    year_shift = 0
    for span in spans:
        low = span.text.lower()
        if low.endswith(("last year", "next year")) and len(low.split()) <= 2 and len(spans) > 1:
            year_shift = -1 if "last" in low else 1
            continue
        verb = span.root.head if span.root.head.pos_ in ("VERB", "AUX") else None
        tense = _tense(verb) if verb is not None else fallback_tense
        r = dates.resolve(span.text, anchor, tense)
        if r is not None:
            resolved.append((span, r))
    if not resolved:
        return None
    _, best = max(resolved, key=lambda sr: _richness(sr[1]))
    days = [
        (r.start, r.end or r.start, r.text) for _, r in resolved if r.start is not None and r.start.precision == "day"
    ]
    if len(days) > 1:  # "Wednesday and Thursday": one span of days
        last = max((d[1] for d in days if d[1] is not None), key=lambda p: p.value)
        first = min((d[0] for d in days if d[0] is not None), key=lambda p: p.value)
        best = dates.ResolvedDate(first, last, " and ".join(d[2] for d in days))
    if year_shift and anchor is not None and best.start and best.start.precision == "day":
        shifted = dates.resolve(best.text, anchor.replace(year=anchor.year + year_shift), "present")
        best = shifted or best
    return best


def _richness(r: dates.ResolvedDate | None) -> int:
    if r is None or r.start is None:
        return 0
    return {"year": 1, "month": 2, "month_day": 3, "day": 4, "estimated": 1}.get(r.start.precision, 0) + (
        1 if r.end else 0
    )


def _participants(tokens: list[Token], ents: ArticleEntities, offset: int) -> tuple[list[str], list[str]]:
    keys: list[str] = []
    countries: list[str] = []
    for t in tokens:
        if t.lower_ in ("he", "she", "his", "her") and t.pos_ == "PRON":
            recent = ents.people_before(offset)
            if recent and recent[0] not in keys:
                keys.append(recent[0])
            continue
        key = ents.key_at(t.idx, t.idx + len(t.text))
        if key and key not in keys:
            keys.append(key)
            continue
        place = ents.place_at(t.idx, t.idx + len(t.text))
        if place is not None and place.kind == "country" and place.name not in countries:
            countries.append(place.name)
    return keys, countries


def _candidates(doc: Doc, ents: ArticleEntities, article: Article, body_end: int) -> list[Candidate]:
    anchor = article.published.value if article.published and article.published.precision == "day" else None
    out: list[Candidate] = []
    for tok in doc:
        kind = _trigger_type(tok)
        if kind is None:
            continue
        verb = tok if tok.pos_ == "VERB" and tok.dep_ != "amod" else _governing_verb(tok)
        if tok.pos_ != "VERB" and tok.dep_ == "dobj" and verb is not None and _trigger_type(verb):
            continue  # "signed a declaration": the verb is the event
        if (
            tok.dep_ == "attr"
            and verb is not None
            and any(c.dep_ == "nsubj" and _trigger_type(c) for c in verb.children)
        ):
            continue  # "the talks will be the first meeting of ...": one happening
        tense = _tense(verb)
        keys, countries = _participants(_argument_tokens(tok, verb), ents, tok.idx)
        place = _place(tok, verb, ents)
        if tok.lemma_ in TRAVEL_VERBS and tok.pos_ == "VERB" and place is None:
            continue  # "headed to the polls": a journey to no known place is not a visit
        cand = Candidate(
            kind,
            tok,
            keys,
            countries,
            place,
            _resolve_dates(_dates_near(tok, verb, doc), anchor, tense),
            sentence=tok.sent.text.strip(),
        )
        if cand.date is None and anchor is not None and tense != "future":
            # news convention (as in GDELT): an undated report is of the day before, or of the day itself
            day = anchor - dt.timedelta(days=1) if tense == "past" else anchor
            cand.date = dates.ResolvedDate(PartialDate(day, "day"), None, "")
            cand.estimated = True
        out.append(cand)
    return out


def _transcript_event(statements: list[Statement], article: Article) -> Candidate | None:
    """A transcript with questions and answers is a press conference, of the publication day."""
    turns = [s for s in statements if s.cue is None and s.kind in ("question", "direct")]
    if not any(s.kind == "question" for s in turns) or len(turns) < 2:
        return None
    answerers = list(dict.fromkeys(s.speaker_key for s in turns if s.kind == "direct" and s.speaker_key))
    date = dates.ResolvedDate(article.published, None, "") if article.published else None
    return Candidate(
        "press_conference",
        None,
        answerers,
        [],
        None,
        date,
        estimated=True,
        sentence="Questions and answers in the transcript",
    )


def _compatible(a: Candidate, b: Candidate, ents: ArticleEntities) -> bool:
    if a.event_type != b.event_type:
        return False
    pa, pb = set(a.participants), set(b.participants)
    if pa and pb and not (pa <= pb or pb <= pa):
        return False  # Putin meeting Hu is not Putin meeting Tang
    if a.place and b.place and a.place != b.place and not (_is_country(a.place, ents) or _is_country(b.place, ents)):
        return False
    return _dates_agree(a, b)


def _is_country(name: str, ents: ArticleEntities) -> bool:
    return any(p.name == name and p.kind == "country" for p in ents.places)


def _dates_agree(a: Candidate, b: Candidate) -> bool:
    """Two stated dates must agree; an estimated date yields to any stated one."""
    return not (a.date and b.date and not (a.estimated or b.estimated) and a.date.start != b.date.start)


def _merge(a: Candidate, b: Candidate, ents: ArticleEntities) -> Candidate:
    place = a.place or b.place
    if a.place and b.place and a.place != b.place:  # a city is more precise than its country
        place = b.place if any(p.name == a.place and p.kind == "country" for p in ents.places) else a.place
    merged = replace(
        a,
        participants=list(dict.fromkeys(a.participants + b.participants)),
        countries=list(dict.fromkeys(a.countries + b.countries)),
        place=place,
    )
    if b.date and (
        a.date is None
        or (a.estimated and not b.estimated)
        or (a.estimated == b.estimated and _richness(b.date) > _richness(a.date))
    ):
        merged.date, merged.estimated = b.date, b.estimated
    if len(b.sentence) > len(a.sentence) and a.trigger is None:
        merged.sentence = b.sentence
    return merged


def extract_events(
    doc: Doc, ents: ArticleEntities, article: Article, statements: list[Statement], body_end: int
) -> list[Event]:
    candidates = _candidates(doc, ents, article, body_end)
    transcript = _transcript_event(statements, article)
    if transcript is not None:
        candidates.append(transcript)
    merged: list[Candidate] = []
    for cand in candidates:
        for i, existing in enumerate(merged):
            if _compatible(existing, cand, ents):
                merged[i] = _merge(existing, cand, ents)
                break
        else:
            merged.append(cand)
    # "the meeting gives China an opportunity": a happening nobody is said to take part in is too doubtful
    # to record, even with a place ("the summit in X, the countries discussed ...")
    kept = [c for c in merged if c.participants or c.countries]
    return [_to_event(c, ents) for c in kept]


def _to_event(c: Candidate, ents: ArticleEntities) -> Event:
    start = c.date.start if c.date else None
    end = c.date.end if c.date else None
    if c.estimated and start is not None:
        start = PartialDate(start.value, "estimated")
    return Event(
        event_type=c.event_type,
        cameo_code=CAMEO[c.event_type],
        trigger=c.trigger.text if c.trigger is not None else "transcript",
        summary=c.sentence[:400],
        start_date=start,
        end_date=end,
        date_text=(c.date.text or None) if c.date and not c.estimated else None,
        place=c.place,
        participant_keys=tuple(c.participants),
        participant_names=tuple(c.countries),
    )
