"""Who a statement's subject is: a named entity, or a pronoun or description that points back to one.

No coreference model installs offline for spaCy 3.8, so these are small rules
over the parse: a name links to its entity; "he"/"she" to the nearest earlier
person whose known gender (from "Mr."/"Ms.", "spokesman"/"spokeswoman") does
not contradict it; "the spokesman", "the Russian Secretary" to the nearest
earlier person whose titles in this article contain the description's words.
When nothing fits, the words are kept and the id left empty: a wrong speaker
is worse than an unknown one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.entities import ArticleEntities
from pipeline.nlp.model import text_of
from pipeline.nlp.names import HONORIFICS, is_title_word

PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
MALE_WORDS = frozenset({"mr", "sir", "lord", "spokesman", "chairman", "king", "prince", "congressman", "businessman"})
FEMALE_WORDS = frozenset(
    {"mrs", "ms", "miss", "madam", "dame", "lady", "spokeswoman", "chairwoman", "queen", "princess", "congresswoman"}
)
SPAN_LEFT_DEPS = ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "punct")
PERSON_NOUNS = frozenset(
    {"official", "diplomat", "analyst", "expert", "scholar", "professor", "lawmaker", "politician"}
)
BODY_NOUNS = frozenset(
    {
        "ministry",
        "government",
        "department",
        "agency",
        "company",
        "party",
        "council",
        "committee",
        "commission",
        "army",
        "military",
        "bank",
        "court",
        "alliance",
        "bloc",
        "union",
        "organization",
        "organisation",
        "office",
        "group",
        "embassy",
        "parliament",
        "assembly",
        "board",
        "federation",
        "association",
        "institute",
        "university",
        "police",
        "service",
    }
)
DESCRIPTION_STOP = frozenset({"the", "a", "an", "this", "that", "said", "same", "former", "then", "top", "senior"})


def speaker_span(token: Token) -> Span:
    """The speaker noun phrase: the subject with its modifiers, without where or when they spoke."""
    doc = token.doc
    left = min([token.i] + [t.i for t in token.lefts if t.dep_ in SPAN_LEFT_DEPS])
    right = token.i
    for t in token.rights:
        if t.dep_ in ("prep", "compound", "appos", "punct"):
            if t.dep_ == "punct" and t.text != "-":
                break
            if t.dep_ == "prep" and token.pos_ == "PROPN" and t.lower_ not in ("of", "for", "from"):
                break  # "Hua Chunying at a regular briefing": where she spoke, not who she is
            right = max(right, t.right_edge.i)
    # a hyphenated word is one word: "the vice-Premier", "the Beijing-based diplomat"
    while right + 2 < len(doc) and doc[right + 1].text == "-" and not doc[right].whitespace_:
        right += 2
    while left >= 2 and doc[left - 1].text == "-" and not doc[left - 2].whitespace_ and not doc[left - 1].whitespace_:
        left -= 2
    while right > token.i and doc[right].is_punct:
        right -= 1
    # a speaker is never spread over two paragraphs: the parser sometimes joins a headline above to it
    while left < token.i and "\n" in doc[left : token.i + 1].text:
        left += 1
    while right > token.i and "\n" in doc[token.i : right + 1].text:
        right -= 1
    return doc[left : right + 1]


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s\-.,']+", text.lower()) if w}


MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})


def _gender(ents: ArticleEntities, key: str, doc: Doc) -> str | None:
    """'male', 'female' or None, from what the article shows of the person.

    An honorific or gendered title decides ("Mr.", "spokeswoman"). Without one, the pronoun that
    first follows the person's name in the same sentence votes ("Ford ... his death"), and the
    majority over the person's mentions decides; a tie or no vote leaves it unknown.
    """
    words = _role_words(ents, key)
    votes = {"male": 0, "female": 0}
    for mention, k in zip(ents.mentions, ents.mention_keys, strict=True):
        if k != key:
            continue
        words |= _words(text_of(doc)[max(0, mention.start - 6) : mention.start])  # "Mr. " / "Ms. " before the name
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for t in doc[span.end : span.sent.end]:
            if t.lower_ in MALE_PRONOUNS or t.lower_ in FEMALE_PRONOUNS:
                votes["male" if t.lower_ in MALE_PRONOUNS else "female"] += 1
                break
            if t.ent_type_ == "PERSON":
                break  # another person named first: the pronoun may be theirs
    male, female = bool(words & MALE_WORDS), bool(words & FEMALE_WORDS)
    if male != female:
        return "male" if male else "female"
    if votes["male"] != votes["female"]:
        return "male" if votes["male"] > votes["female"] else "female"
    return None


def _titles(ents: ArticleEntities, key: str) -> set[str]:
    """Every word of every title the article gives the person, and of the names used for them."""
    return _role_words(ents, key) - HONORIFICS


def _role_words(ents: ArticleEntities, key: str) -> set[str]:
    """The words of the person's titles and names, as the article writes them (honorifics included)."""
    words: set[str] = set()
    ref = ents.ref(key)
    for role in (ref.role_title, *ref.aliases):
        words |= _words(role or "")
    for mention, k in zip(ents.mentions, ents.mention_keys, strict=True):
        if k == key:
            words |= _words(mention.role_title or "")
    return words


SALIENCE_WINDOW = 600  # characters back in which a subject beats a nearer mention in another role


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    """The mention is its clause's subject, or in apposition to it ("Steve Clarke, an adviser, said")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def resolve_pronoun(pronoun: Token, ents: ArticleEntities, offset: int) -> str | None:
    """The nearest earlier person who was a subject, or else the nearest earlier person, of agreeing gender.

    Subjects first because "he said" after "Simmons teed up McDonald's cameo" is Simmons: the
    person the sentence is about, not the last name in it. Gender comes only from what the
    article shows (an honorific, a gendered title); a person without it agrees with either pronoun.
    """
    doc = pronoun.doc
    wanted = PRONOUNS.get(pronoun.lower_)
    earlier = sorted(
        (
            (m.start, m.end, k)
            for m, k in zip(ents.mentions, ents.mention_keys, strict=True)
            if m.kind == "person" and m.start < offset
        ),
        reverse=True,
    )
    genders: dict[str, str | None] = doc.user_data.setdefault("newsetl_genders", {})  # once per person per article
    agreeing = []
    for start, end, key in earlier:
        if key not in genders:
            genders[key] = _gender(ents, key, doc)
        if genders[key] in (None, wanted):
            agreeing.append((start, end, key))
    for start, end, key in agreeing:
        if offset - start > SALIENCE_WINDOW:
            break
        if _is_subject(doc, start, end):
            return key
    return agreeing[0][2] if agreeing else None


def _is_person_word(token: Token) -> bool:
    return is_title_word(token.text) or token.lower_ in PERSON_NOUNS


def resolve_description(span: Span, ents: ArticleEntities, offset: int) -> str | None:
    """'the Russian Secretary' -> the nearest earlier person titled with all of those words."""
    wanted = {w for w in _words(span.text) if w not in DESCRIPTION_STOP}
    if not wanted or not _is_person_word(span.root):
        return None  # "the ministry", "the report": not a person's title
    for key in dict.fromkeys(ents.people_before(offset)):
        titles = _titles(ents, key)
        if wanted <= titles:
            return key
    # the head noun alone ("the Russian minister" of a person introduced as "Foreign Minister"):
    # still the nearest one so titled, but only when no other person shares the title
    head = _words(span.root.text)
    matching = [k for k in dict.fromkeys(ents.people_before(offset)) if head and head <= _titles(ents, k)]
    return matching[0] if len(matching) == 1 else None


def _entity_in(span: Span, ents: ArticleEntities, labels: tuple[str, ...]) -> str | None:
    for t in span:
        if t.ent_type_ in labels and (key := ents.key_at(t.idx, t.idx + len(t.text))):
            return key
    return None


def resolve_body(token: Token, ents: ArticleEntities, offset: int) -> str | None:
    """'the ministry' -> the nearest earlier organization whose name has that noun ("Foreign Ministry")."""
    for key in dict.fromkeys(ents.before(offset, "organization")):
        if token.lower_ in _words(ents.ref(key).name):
            return key
    return None


def resolve_speaker(token: Token, ents: ArticleEntities, offset: int) -> tuple[str, str | None]:
    """(speaker as written, entity key or None)."""
    span = speaker_span(token)
    key = ents.key_at(token.idx, token.idx + len(token.text))
    if key is None:  # "spokesman Kong Quan": the name in the phrase
        key = _entity_in(span, ents, ("PERSON",))
    if key is None and token.ent_type_ != "ORG" and _is_person_word(token):
        # "the UN Secretary-General", "a Foreign Ministry spokesman": a person, not the organization named
        return span.text, resolve_description(span, ents, offset) if span[0].lower_ in ("the", "this") else None
    key = key or _entity_in(span, ents, ("ORG",))
    if key:
        return span.text, key
    if token.pos_ == "NOUN" and span[0].lower_ == "the" and token.lower_ in BODY_NOUNS:
        return span.text, resolve_body(token, ents, offset)
    if token.lower_ in PRONOUNS:
        return span.text, resolve_pronoun(token, ents, offset)
    if token.pos_ in ("NOUN", "PROPN") and span[0].lower_ in ("the", "this"):
        return span.text, resolve_description(span, ents, offset)
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
