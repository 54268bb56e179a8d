"""People, organizations and places of one article, clustered within the article.

spaCy's NER finds the spans; the rules here clean them (titles off, acronyms
out of parentheses), reject what news NER typically gets wrong (countries
tagged ORG, acronyms tagged PERSON, headline words), attach the role stated
before the name or in an apposition, and join short forms ("Mr. Zhang",
"SCO") to the full form the same article uses.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.models import EntityRef, Mention, Place
from pipeline.nlp import names
from pipeline.nlp.model import text_of
from pipeline.nlp.turns import find_turns

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(slots=True)
class ArticleEntities:
    """Entities of one article plus the lookups later extractors need."""

    refs: list[EntityRef]
    places: list[Place]
    mentions: list[Mention]
    mention_keys: list[str]  # parallel to mentions
    place_spans: list[tuple[int, int, Place]] = field(default_factory=list)

    def key_at(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps the character span, if any."""
        for mention, key in zip(self.mentions, self.mention_keys, strict=True):
            if mention.start < end and start < mention.end:
                return key
        return None

    def place_at(self, start: int, end: int) -> Place | None:
        for s, e, place in self.place_spans:
            if s < end and start < e:
                return place
        return None

    def ref(self, key: str) -> EntityRef:
        return next(r for r in self.refs if r.key == key)

    def people_before(self, offset: int) -> list[str]:
        """Keys of people mentioned before `offset`, most recent first."""
        return self.before(offset, "person")

    def before(self, offset: int, kind: str) -> list[str]:
        """Keys of entities of that kind mentioned before `offset`, most recent first."""
        seen = [
            (m.start, k)
            for m, k in zip(self.mentions, self.mention_keys, strict=True)
            if m.kind == kind and m.start < offset
        ]
        return [k for _, k in sorted(seen, reverse=True)]


def _role_before(span: Span) -> str | None:
    """'Chinese Foreign Ministry spokeswoman' in front of the name."""
    doc = span.doc
    i = span.start - 1
    words: list[Token] = []
    while i >= 0:
        tok = doc[i]
        if tok.is_space or tok.text in {",", "(", ")", '"', "“", "”", "--"} or tok.ent_type_ == "PERSON":
            break
        if (
            tok.text in {"-", "'s", "’s"}
            or names.is_title_word(tok.text)
            or (tok.text[:1].isupper() and i != 0 and tok.pos_ in ("PROPN", "ADJ", "NOUN"))
        ):
            words.insert(0, tok)
            i -= 1
            continue
        break
    while words and (words[0].text in {"-", "'s", "’s"} or words[0].lower_ in names.ORG_STOP):
        words.pop(0)
    if not any(names.is_title_word(t.text) and t.lower_ not in names.HONORIFICS for t in words):
        return None
    text = doc[words[0].i : words[-1].i + 1].text if words else ""
    return text or None


def _role_apposition(span: Span) -> str | None:
    """'Zhu Feng, a security expert from ...' -> 'security expert'."""
    for tok in span.root.children:
        if tok.dep_ == "appos" and tok.i >= span.end and tok.pos_ == "NOUN":
            words = [t for t in tok.lefts if t.dep_ in ("compound", "amod")] + [tok]
            return " ".join(t.text for t in words)
    return None


def _person(span: Span, base: int) -> Mention | None:
    name, title = names.clean_person_name(span.text)
    if not name:
        return None
    role = _role_before(span) or title or _role_apposition(span)
    if role and title and title not in role:
        role = f"{role} {title}"
    return Mention("person", name, span.text, base + span.start_char, base + span.end_char, role_title=role)


def _organization(span: Span, base: int) -> Mention | None:
    doc = span.doc
    name, acronym = names.clean_org_name(span.text)
    if not name:
        return None
    following = text_of(doc)[span.end_char : span.end_char + 14]
    match = re.match(r"\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)", following)
    if match and acronym is None:
        acronym = match.group("acr")
    start = span.start_char
    prev = doc[span.start - 1] if span.start > 0 else None
    # "Chinese Foreign Ministry": the nationality in front belongs to a government body's name
    if (
        prev is not None
        and prev.ent_type_ == "NORP"
        and prev.text[:1].isupper()
        and not span.text.lower().startswith("the ")
    ):
        name = f"{prev.text} {name}"
        start = prev.idx
    return Mention(
        "organization", name, text_of(doc)[start : span.end_char], base + start, base + span.end_char, acronym=acronym
    )


def _turn_labels(doc: Doc, taken: list[Mention], body_start: int) -> list[Mention]:
    """Transcript speaker labels ("CRI:", "Liu Zhenmin:") that NER did not tag."""
    out: list[Mention] = []
    for turn in find_turns(text_of(doc), body_start):
        label, start, end = turn.label, turn.label_start, turn.label_end
        if any(m.start < end and start < m.end for m in taken + out):
            continue
        if names.is_acronym(label):
            out.append(Mention("organization", label, label, start, end, acronym=label))
        else:
            name, _ = names.clean_person_name(label)
            if name and len(name.split()) >= 2:
                out.append(Mention("person", name, label, start, end))
    return out


NOT_ORG_ACRONYMS = frozenset(
    {
        "GMT",
        "UTC",
        "CEO",
        "CFO",
        "TV",
        "AM",
        "PM",
        "USD",
        "EUR",
        "GDP",
        "AD",
        "BC",
        "OK",
        "PDF",
        "HTML",
        "URL",
        "FAQ",
        "DNA",
        "AIDS",
        "HIV",
        "COVID",
        "NEWS",
        "VIDEO",
    }
)


def _untagged_acronyms(doc: Doc, taken: list[Mention], places: list[tuple[int, int, Place]]) -> list[Mention]:
    """An all-capitals proper noun NER left untagged ("SCIO briefing") names an organization."""
    out: list[Mention] = []
    for tok in doc:
        text = tok.text
        if (
            tok.ent_type_
            or tok.pos_ != "PROPN"
            or not names.is_acronym(text)
            or len(text) < 3
            or text in NOT_ORG_ACRONYMS
            or names.is_country(text)
        ):
            continue
        start, end = tok.idx, tok.idx + len(text)
        if any(m.start < end and start < m.end for m in taken + out) or any(
            s < end and start < e for s, e, _ in places
        ):
            continue
        out.append(Mention("organization", text, text, start, end, acronym=text))
    return out


def extract_mentions(doc: Doc, title_end: int) -> tuple[list[Mention], list[tuple[int, int, Place]]]:
    """Mentions in document order; headline entities count only when the body confirms them or they are acronyms."""
    mentions: list[Mention] = []
    places: list[tuple[int, int, Place]] = []
    headlines = _headline_lines(text_of(doc), title_end)
    body_text = "\n".join(
        line for start, line in _lines(text_of(doc)) if start >= title_end and (start, line) not in headlines
    )
    for ent in doc.ents:
        # the title, and headline-like lines in the body (lists of other stories), count only when confirmed
        in_title = ent.start_char < title_end or any(s <= ent.start_char < s + len(line) for s, line in headlines)
        if ent.label_ == "PERSON" and ent[-1].tag_ == "NNPS":
            continue  # a plural proper noun ("Delhiites", "Virginia Democrats") is a group, not a person
        if ent.label_ == "PERSON" and len(ent) == 1 and names.is_region(ent.text):
            places.append(_place(ent))  # "Punjab" tagged as a person
        elif ent.label_ == "PERSON":
            mention = _person(ent, 0)
            if mention and (not in_title or mention.name in body_text):
                mentions.append(mention)
            elif mention is None and names.is_country(ent.text):
                places.append(_place(ent))
        elif ent.label_ == "ORG" and _venue_of_gathering(ent):
            places.append(_place(ent))
        elif ent.label_ == "ORG":
            mention = _organization(ent, 0)
            if mention and (not in_title or mention.name in body_text or names.is_acronym(mention.name)):
                mentions.append(mention)
            elif mention is None and names.is_country(names.strip_possessive(ent.text)):
                places.append(_place(ent))
        elif ent.label_ in PLACE_LABELS and not in_title:
            places.append(_place(ent))
    mentions.extend(_turn_labels(doc, mentions, title_end))
    mentions.extend(_untagged_acronyms(doc, mentions, places))
    mentions.sort(key=lambda m: m.start)
    return mentions, places


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")


def headline_like(line: str) -> bool:
    """'13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020': a headline, not prose.

    Most of its words are capitalised and it does not end a sentence: in a story's body such lines are the
    titles of other stories (related links, tickers) whose names belong to those stories.
    """
    words = _WORD.findall(line)
    if len(words) < 2 or line.rstrip().endswith((".", "!", "?", '"', "”", ":", ",")):
        return False
    capitalised = sum(1 for w in words if w[0].isupper()) / len(words)
    return capitalised >= 0.7 if len(words) >= 4 else capitalised == 1.0  # "Story Tools", "Top Stories"


def _headline_lines(text: str, title_end: int) -> set[tuple[int, str]]:
    return {(start, line) for start, line in _lines(text) if start >= title_end and headline_like(line)}


GATHERINGS = frozenset({"summit", "meeting", "talks", "conference", "forum", "session", "ceremony", "congress"})


def _venue_of_gathering(ent: Span) -> bool:
    """'the summit in Sangtpeterburk': one unknown word after "in" a gathering names a place, not an organization.

    The small model tags odd spellings of cities as ORG; an organization would
    have an acronym's capitals or a head noun ("Council").
    """
    if len(ent) != 1 or names.is_acronym(ent.text):
        return False
    prep = ent.root.head
    return (
        ent.root.dep_ == "pobj"
        and prep.lower_ == "in"
        and prep.head.lower_ in GATHERINGS
        and ent.root.lower_ not in names.GENERIC_ORG_WORDS
    )


def _place(ent: Span) -> tuple[int, int, Place]:
    text = names.strip_possessive(ent.text)
    if text.lower().startswith("the "):
        text = text[4:]
    code = names.country_of(text)
    kind = (
        "country"
        if code
        else ("region" if ent.label_ == "LOC" or names.is_region(text) else "city" if ent.label_ == "GPE" else "place")
    )
    return ent.start_char, ent.end_char, Place(text, kind, code)  # type: ignore[arg-type]


def cluster(mentions: list[Mention]) -> tuple[list[EntityRef], list[str]]:
    """Join the article's mentions of one entity; returns refs and each mention's ref key."""
    keys: list[str] = [""] * len(mentions)
    people: dict[str, list[int]] = defaultdict(list)  # canonical key -> mention indexes
    orgs: dict[str, list[int]] = defaultdict(list)
    full_people = {names.name_key(m.name): m.name for m in mentions if m.kind == "person" and len(m.name.split()) > 1}
    org_names = {names.name_key(m.name): m for m in mentions if m.kind == "organization"}
    acronyms: dict[str, str] = {}
    for key, m in org_names.items():
        if m.acronym and not names.is_acronym(m.name):
            acronyms.setdefault(m.acronym, key)
    for key, m in org_names.items():
        if not names.is_acronym(m.name):
            acronyms.setdefault(names.initials(m.name), key)

    for i, m in enumerate(mentions):
        key = names.name_key(m.name)
        if m.kind == "person":
            if len(m.name.split()) > 1:
                # "Eriksson Ek" after "Joel Eriksson Ek": a surname of several words joins its one full name
                key = _one_longer(key, full_people) or key
            if len(m.name.split()) == 1:
                owners = [k for k in full_people if key in (k.split()[0], k.split()[-1])]
                if len(owners) > 1:  # two full names share it: the most recent one named
                    recent = [
                        names.name_key(mentions[j].name)
                        for j in range(i - 1, -1, -1)
                        if names.name_key(mentions[j].name) in owners
                    ]
                    owners = recent[:1] or owners[:1]
                key = owners[0] if owners else key
            people[key].append(i)
        else:
            if names.is_acronym(m.name) and m.name in acronyms:
                key = acronyms[m.name]
            else:
                full_names = [k for k, org in org_names.items() if not names.is_acronym(org.name)]
                key = _one_longer(key, full_names) or key
            orgs[key].append(i)

    refs: list[EntityRef] = []
    for prefix, groups, kind in (("p", people, "person"), ("o", orgs, "organization")):
        for n, (_, idx) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0])):
            group = [mentions[i] for i in idx]
            ref_key = f"{prefix}{n}"
            for i in idx:
                keys[i] = ref_key
            refs.append(_ref(ref_key, kind, group))
    return refs, keys


def _one_longer(key: str, keys: Iterable[str]) -> str | None:
    """The one name key that ends with this one ("security council" -> "russian security council"), if one."""
    longer = [k for k in keys if k != key and k.endswith(" " + key)]
    return longer[0] if len(longer) == 1 else None


def _ref(key: str, kind: str, group: list[Mention]) -> EntityRef:
    counts = Counter(m.name for m in group)
    non_acronyms = [m.name for m in group if not names.is_acronym(m.name)] or [m.name for m in group]
    canonical = max(non_acronyms, key=lambda n: (len(n.split()), counts[n], -non_acronyms.index(n)))
    acronym = next((m.acronym for m in group if m.acronym), None)
    role = next((m.role_title for m in group if m.role_title), None)
    aliases = tuple(dict.fromkeys([m.name for m in group] + [m.surface.strip() for m in group]))
    return EntityRef(key, kind, canonical, aliases, acronym, role, len(group))  # type: ignore[arg-type]


def article_entities(doc: Doc, title_end: int) -> ArticleEntities:
    mentions, place_spans = extract_mentions(doc, title_end)
    refs, keys = cluster(mentions)
    unique_places = list({p.name: p for _, _, p in place_spans}.values())
    return ArticleEntities(refs, unique_places, mentions, keys, place_spans)
