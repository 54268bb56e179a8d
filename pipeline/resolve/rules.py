"""The cross-article matching rule, as pure functions over candidate rows.

A mention joins an existing entity only when its name, an alias or an acronym
identifies exactly one; a lone surname joins only when one known person
carries it. Otherwise it becomes a new row. Because candidates are compared by
normalized keys and ties are refused rather than broken by arrival order,
re-running or re-ordering the input yields the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.nlp.names import is_acronym, name_key

__all__ = ["Known", "absorbable_organizations", "absorbable_people", "is_acronym", "match_organization", "match_person"]


@dataclass(frozen=True, slots=True)
class Known:
    """An existing entity row as the matcher sees it."""

    entity_id: int
    name: str
    alias_keys: frozenset[str]
    acronym: str | None = None


def person_tokens(name: str) -> tuple[str, str]:
    words = name_key(name).split()
    return words[0], words[-1]


def match_person(name: str, aliases: list[str], known: list[Known]) -> int | None:
    key = name_key(name)
    keys = {name_key(a) for a in aliases} | {key}
    exact = sorted({k.entity_id for k in known if name_key(k.name) == key})
    if exact:
        return exact[0]
    words = key.split()
    if len(words) == 1:
        # a lone surname (or given name) joins only the one full name that carries it
        owners = {k.entity_id for k in known if len(name_key(k.name).split()) > 1 and key in person_tokens(k.name)}
        return owners.pop() if len(owners) == 1 else None
    by_alias = {k.entity_id for k in known if len(name_key(k.name).split()) > 1 and keys & k.alias_keys}
    return by_alias.pop() if len(by_alias) == 1 else None


def absorbable_people(name: str, known: list[Known]) -> list[int]:
    """Single-name rows that a new full name now explains ("Putin" once "Vladimir Putin" is known).

    Only when no other full name carries that token, so the merge is as unambiguous
    as a join would have been had the full name come first.
    """
    words = name_key(name).split()
    if len(words) < 2:
        return []
    out = []
    for k in known:
        single = name_key(k.name)
        if len(single.split()) != 1 or single not in (words[0], words[-1]):
            continue
        rivals = {
            o.entity_id
            for o in known
            if len(name_key(o.name).split()) > 1
            and single in person_tokens(o.name)
            and name_key(o.name) != name_key(name)
        }
        if not rivals:
            out.append(k.entity_id)
    return out


def match_organization(name: str, acronym: str | None, aliases: list[str], known: list[Known]) -> int | None:
    key = name_key(name)
    keys = {name_key(a) for a in aliases} | {key}
    exact = sorted({k.entity_id for k in known if name_key(k.name) == key})
    if exact:
        return exact[0]
    by_alias = {k.entity_id for k in known if keys & k.alias_keys}
    if len(by_alias) == 1:
        return by_alias.pop()
    acr = acronym or (name if is_acronym(name) else None)
    if acr:
        by_acronym = {k.entity_id for k in known if k.acronym == acr}
        if len(by_acronym) == 1:
            return by_acronym.pop()
    return None


def absorbable_organizations(name: str, acronym: str | None, known: list[Known]) -> list[int]:
    """Acronym-only rows ("SCO") that a full name with that acronym now explains."""
    if not acronym or is_acronym(name):
        return []
    rivals = {
        k.entity_id
        for k in known
        if k.acronym == acronym and not is_acronym(k.name) and name_key(k.name) != name_key(name)
    }
    if rivals:
        return []
    return [k.entity_id for k in known if is_acronym(k.name) and k.name == acronym]
