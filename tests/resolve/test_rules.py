"""Name normalisation and the cross-article joining rule."""

from __future__ import annotations

import pytest

from pipeline.nlp.names import clean_org_name, clean_person_name, name_key
from pipeline.resolve.rules import (
    Known,
    absorbable_organizations,
    absorbable_people,
    match_organization,
    match_person,
)


@pytest.mark.parametrize(
    ("span", "name", "role"),
    [
        ("Russian President Vladimir Putin", "Vladimir Putin", "Russian President"),
        ("Mr. Putin", "Putin", None),
        ("Vice-President Hu Jintao", "Hu Jintao", "Vice-President"),
        ("General Cao Gangchuan", "Cao Gangchuan", "General"),
        ("Merkel's", "Merkel", None),
    ],
)
def test_person_names_lose_titles(span: str, name: str, role: str | None) -> None:
    assert clean_person_name(span) == (name, role)


@pytest.mark.parametrize("span", ["LLLP", "SCO Secretariat", "Russia", "the UN Charter", "2004"])
def test_not_people(span: str) -> None:
    assert clean_person_name(span)[0] is None


def test_org_acronym_in_parentheses() -> None:
    assert clean_org_name("the Shanghai Cooperation Organization (SCO") == ("Shanghai Cooperation Organization", "SCO")
    assert clean_org_name("Uzbekistan") == (None, None)


def test_name_key_folds_case_accents_and_punctuation() -> None:
    assert name_key("José  Ramos-Horta's") == name_key("jose ramos-horta's")


def _known(i: int, name: str, *aliases: str, acronym: str | None = None) -> Known:
    return Known(i, name, frozenset({name_key(name), *map(name_key, aliases)}), acronym)


def test_lone_surname_joins_only_an_unambiguous_person() -> None:
    putin = _known(1, "Vladimir Putin", "Putin")
    assert match_person("Putin", ["Putin"], [putin]) == 1
    two_lius = [_known(2, "Liu Jianchao"), _known(3, "Liu Zhenmin")]
    assert match_person("Liu", ["Liu"], two_lius) is None  # two people share the surname: a new row


def test_full_name_absorbs_a_single_name_row_only_without_rivals() -> None:
    assert absorbable_people("Angela Merkel", [_known(4, "Merkel")]) == [4]
    rivals = [_known(5, "Liu"), _known(2, "Liu Jianchao")]
    assert absorbable_people("Liu Zhenmin", rivals) == []


def test_organization_by_alias_and_acronym() -> None:
    sco = _known(7, "Shanghai Cooperation Organization", "SCO", acronym="SCO")
    assert match_organization("SCO", "SCO", ["SCO"], [sco]) == 7
    assert match_organization("Shanghai Cooperation Organisation", "SCO", [], [sco]) == 7
    assert absorbable_organizations("Shanghai Cooperation Organization", "SCO", [_known(8, "SCO", acronym="SCO")]) == [
        8
    ]
