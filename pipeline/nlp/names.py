"""Name normalisation: titles and honorifics off, keys for matching, countries recognised.

These are general resources of English news style (titles, honorifics) and
pycountry's country names, not names of any particular person.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "dame", "lord", "lady", "rev", "st"})
TITLE_WORDS = frozenset(
    {
        "president",
        "vice-president",
        "premier",
        "vice-premier",
        "prime",
        "minister",
        "vice-minister",
        "deputy",
        "secretary",
        "secretary-general",
        "general",
        "chairman",
        "vice-chairman",
        "chairwoman",
        "chair",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "cardinal",
        "bishop",
        "admiral",
        "colonel",
        "col",
        "lt",
        "lieutenant",
        "major",
        "maj",
        "captain",
        "capt",
        "commander",
        "marshal",
        "sergeant",
        "gen",
        "director",
        "head",
        "leader",
        "chancellor",
        "foreign",
        "defense",
        "defence",
        "interior",
        "justice",
        "finance",
        "state",
        "counselor",
        "councillor",
        "adviser",
        "advisor",
        "analyst",
        "correspondent",
        "editor",
        "reporter",
        "professor",
        "expert",
        "official",
        "officer",
        "commissioner",
        "judge",
        "speaker",
        "vice",
        "senior",
        "former",
        "acting",
        "new",
        "newly",
        "elected",
        "ceo",
        "chairperson",
        "executive",
        "counterpart",
        "diplomat",
        "negotiator",
        "delegate",
        "member",
        "founder",
        "coach",
        "manager",
        "cmdr",
        "sgt",
        "gov",
        "supt",
        "insp",
        "amb",
    }
)
# words after which a capitalised word is a title, not a name ("the Russian Secretary")
DOCUMENT_WORDS = frozenset(
    {
        "charter",
        "treaty",
        "act",
        "convention",
        "declaration",
        "resolution",
        "agreement",
        "accord",
        "protocol",
        "constitution",
        "doctrine",
        "plan",
        "report",
        "program",
        "programme",
        "initiative",
        "strategy",
    }
)
ORG_STOP = frozenset({"the", "a", "an"})
# a lone capitalised common noun ("the Government", "the Committee") names no organization in particular
GENERIC_ORG_WORDS = frozenset(
    {
        "government",
        "administration",
        "cabinet",
        "ministry",
        "committee",
        "commission",
        "council",
        "agency",
        "department",
        "office",
        "bureau",
        "police",
        "army",
        "military",
        "navy",
        "authorities",
        "authority",
        "officials",
        "opposition",
        "regime",
        "court",
        "parliament",
        "assembly",
        "party",
        "union",
        "company",
        "group",
        "board",
        "secretariat",
        "embassy",
        "consulate",
        "state",
        "states",
        "forces",
    }
)
_NON_WORD = re.compile(r"[^\w\s'-]")
_POSSESSIVE = re.compile(r"['’]s?$")


def fold(text: str) -> str:
    """Lower-case, accents off, punctuation off: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key names are matched on. Cached: resolution compares each mention with every candidate's names and
    aliases, so a batch keys the same few hundred names tens of thousands of times (a third of the load's CPU)."""
    words = [w.strip("'") for w in fold(name).split()]
    return " ".join(w for w in words if w)


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip())


def is_title_word(word: str) -> bool:
    w = word.lower().strip(".,")
    return w in TITLE_WORDS or w in HONORIFICS or any(w.startswith(p) for p in ("vice-", "deputy-", "ex-"))


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """['Russian', 'President', 'Vladimir', 'Putin'] -> (['Russian', 'President'], ['Vladimir', 'Putin'])."""
    last_title = -1
    for i, word in enumerate(words):
        if is_title_word(word):
            last_title = i
    return words[: last_title + 1], words[last_title + 1 :]


def clean_person_name(text: str) -> tuple[str | None, str | None]:
    """A PERSON span to (name, title-before-name); name is None when it is not a person's name."""
    words = strip_possessive(text).replace("\n", " ").split()
    while words and words[0].lower() in ORG_STOP:
        words = words[1:]
    title, name = split_title(words)
    if not name or len(name) > 4:
        return None, None
    for word in name:
        core = word.strip(".")
        if not core or not core[0].isupper() or any(ch.isdigit() for ch in core):
            return None, None
        if len(core) >= 3 and core.isupper():  # "LLLP", "SCO Secretariat": acronyms are not names
            return None, None
        if not re.fullmatch(r"[\w'’.-]+", core):
            return None, None
    candidate = " ".join(name)
    if is_country(candidate) or name[-1].lower() in DOCUMENT_WORDS:
        return None, None
    # honorific titles ("Mr.") are not worth keeping as a role
    role = " ".join(w for w in title if w.lower().strip(".") not in HONORIFICS) or None
    return candidate, role


def clean_org_name(text: str) -> tuple[str | None, str | None]:
    """An ORG span to (name, acronym written with it); name is None when it is not an organization."""
    text = strip_possessive(text.replace("\n", " ").strip())
    acronym = None
    match = re.search(r"\s*\((?P<acr>[A-Z][A-Za-z&.]{1,9})\)?$", text)
    if match:
        acronym = match.group("acr").replace(".", "")
        text = text[: match.start()].strip()
    words = text.split()
    while words and words[0].lower() in ORG_STOP:
        words = words[1:]
    if not words:
        return None, None
    name = " ".join(words).strip(" ,.-")
    if not name or not name[0].isupper() or is_country(name) or any(ch.isdigit() for ch in name[:1]):
        return None, None
    if words[-1].lower() in DOCUMENT_WORDS or len(words) > 10:
        return None, None
    if len(words) == 1 and not name.isupper() and (len(name) < 3 or name.lower() in GENERIC_ORG_WORDS):
        return None, None
    if acronym is None and is_acronym(name):
        acronym = name
    return name, acronym


def is_acronym(text: str) -> bool:
    core = text.replace(".", "").replace("&", "")
    return 2 <= len(core) <= 8 and core.isalpha() and core.isupper()


def initials(name: str) -> str:
    """'North Atlantic Treaty Organization' -> 'NATO'; small words do not count."""
    small = {"of", "the", "and", "for", "on", "in", "de", "la", "du", "des"}
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in small and w[0].isalpha()).upper()


@lru_cache(maxsize=4096)
def country_of(name: str) -> str | None:
    """ISO alpha-2 code when `name` is a country ("Russia", "the United States", "U.S.")."""
    text = name.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    compact = text.replace(".", "")
    if compact.upper() in {"US", "USA"}:
        return "US"
    if compact.upper() in {"UK"}:
        return "GB"
    if len(compact) < 3 and not compact.isupper():
        return None
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    low = text.lower()
    found = _country_index().get(low)
    if found:
        return found
    short = {
        "russia": "RU",
        "iran": "IR",
        "syria": "SY",
        "north korea": "KP",
        "south korea": "KR",
        "taiwan": "TW",
        "vietnam": "VN",
        "laos": "LA",
        "bolivia": "BO",
        "venezuela": "VE",
        "tanzania": "TZ",
        "moldova": "MD",
        "palestine": "PS",
        "britain": "GB",
        "great britain": "GB",
        "america": "US",
        "holland": "NL",
        "burma": "MM",
        "ivory coast": "CI",
        "czechia": "CZ",
    }
    return short.get(low)


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Lower-case forms naming a country: its names, the name before ", " or " (" ("Korea, Republic of" ->
    "korea"), and what follows "Republic of" / "Kingdom of". Built once: a scan per lookup cost seconds a corpus."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            n = str(getattr(country, attr, "") or "").lower()
            if not n:
                continue
            index.setdefault(n, code)
            for sep in (",", " ("):
                if sep in n:
                    index.setdefault(n.split(sep, 1)[0], code)
            if n.startswith(("republic of", "kingdom of")):
                words = n.split()
                for k in range(1, len(words)):
                    index.setdefault(" ".join(words[k:]), code)
    return index


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    return frozenset(s.name.lower() for s in pycountry.subdivisions)


def is_region(name: str) -> bool:
    """A state, province or region (pycountry's ISO 3166-2 names: "Punjab", "Texas", "Ontario")."""
    return name.strip().lower() in _subdivisions()


def is_country(name: str) -> bool:
    return country_of(name) is not None
