"""People and organizations within one article: clean names, roles, and one entity per person."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models import EntityRef, Extraction


def _people(x: Extraction) -> dict[str, EntityRef]:
    return {e.name: e for e in x.entities if e.kind == "person"}


def _orgs(x: Extraction) -> dict[str, EntityRef]:
    return {e.name: e for e in x.entities if e.kind == "organization"}


def test_title_surname_and_full_name_are_one_person(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Russian President Vladimir Putin arrived in Paris on Monday for talks on trade. "
        "Putin said the talks would be difficult. Mr. Putin then left for Berlin, where he met business leaders."
    )
    people = _people(x)
    assert list(people) == ["Vladimir Putin"]
    putin = people["Vladimir Putin"]
    assert putin.mentions == 3 and putin.role_title == "Russian President"
    assert {"Putin", "Vladimir Putin"} <= set(putin.aliases)


def test_an_honorific_and_surname_joins_the_full_name(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Foreign Ministry spokeswoman Zhang Qiyue told a news conference that the visit would go ahead. "
        "Ms. Zhang said the two sides had agreed on the dates."
    )
    people = _people(x)
    assert "Zhang Qiyue" in people and "Zhang" not in people
    assert people["Zhang Qiyue"].role_title == "Foreign Ministry spokeswoman"


def test_two_people_sharing_a_surname_stay_apart_and_the_lone_surname_goes_to_the_last_named(
    extract: Callable[..., Extraction],
) -> None:
    x = extract(
        "George Bush met Laura Bush at the ranch in Texas on Saturday, aides said. "
        "Bush later flew back to the capital for a meeting with his advisers."
    )
    people = _people(x)
    assert {"George Bush", "Laura Bush"} <= set(people) and "Bush" not in people
    assert people["George Bush"].mentions == 1 and people["Laura Bush"].mentions == 2


def test_an_acronym_in_parentheses_names_the_organization_and_joins_later_mentions(
    extract: Callable[..., Extraction],
) -> None:
    x = extract(
        "Leaders of the Shanghai Cooperation Organization (SCO) met in Tashkent on Friday. "
        "The SCO was founded in 2001 and has a secretariat in Beijing."
    )
    orgs = _orgs(x)
    assert list(orgs) == ["Shanghai Cooperation Organization"]
    sco = orgs["Shanghai Cooperation Organization"]
    assert sco.acronym == "SCO" and sco.mentions == 2


def test_countries_and_nationalities_are_places_not_organizations(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Chinese and Russian officials met in Moscow on Tuesday. China and Russia agreed to hold joint exercises, "
        "the Russian Defence Ministry said."
    )
    orgs = _orgs(x)
    assert not {"China", "Russia", "Chinese", "Russian", "Moscow"} & set(orgs)
    assert any("Defence Ministry" in name for name in orgs)
    assert {"China", "Russia", "Moscow"} <= {p.name for p in x.places}


def test_furniture_words_and_single_common_words_are_not_entities(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Story Tools\n\nThe minister said on Monday that the budget would be cut, and the Government agreed. "
        "Officials said the Committee would meet again next month."
    )
    names = {e.name for e in x.entities}
    assert not {"Story Tools", "Government", "Committee", "Officials"} & names


def test_an_article_in_another_language_gets_no_entities_from_the_english_model() -> None:
    from pipeline.config import get_settings
    from pipeline.models import Article
    from pipeline.nlp.extract import extract_batch

    article = Article(
        uri="pt.txt",
        raw_sha256="1" * 64,
        title="Notícias",
        body="Espero que os filhos voltem para casa. Deixe a porta aberta, disse Maria Silva em Lisboa.",
        language="pt",
    )
    [x] = extract_batch([article], get_settings().spacy_model)
    assert x.article is article and x.entities == () and x.statements == () and x.events == ()


def test_a_surname_speaker_the_model_missed_is_the_person_named_before(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Professor Aseem Prakash of the University of Washington studies air pollution in the capital. "
        '"But what you need is political will and a bit of imagination," Prakash said.'
    )
    prakash = next(e for e in x.entities if e.name == "Aseem Prakash")
    assert [s.speaker_key for s in x.statements] == [prakash.key]


def test_headline_lists_plural_groups_and_regions_do_not_become_people(extract: Callable[..., Extraction]) -> None:
    from pipeline.nlp import names
    from pipeline.nlp.entities import headline_like

    assert headline_like("13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020")
    assert not headline_like(
        "Putin, left, met with China's Foreign Minister Tang Jiaxuan in Moscow on November 23 and is paying a "
        "return visit to Beijing"
    )
    x = extract(
        "The farmers of Punjab burn their fields every autumn, and the smoke drifts east to the capital, "
        "officials said on Monday.\n\nRelated Stories\n\nJohnny Appleseed Festival Draws Record Crowds To Orchard Town\n\n"
        "The Delhiites who can afford it stay indoors, a doctor said."
    )
    assert not {"Johnny Appleseed", "Delhiites"} & {e.name for e in x.entities}
    assert names.is_region("Punjab") and names.is_region("Texas") and not names.is_region("Putin")


def test_a_surname_of_two_words_joins_its_full_name(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Joel Eriksson Ek scored twice on Tuesday as the home side won the game in overtime. "
        "Eriksson Ek said after the game that the team had played its best hockey of the season."
    )
    people = {e.name: e for e in x.entities if e.kind == "person"}
    assert "Eriksson Ek" not in people and people["Joel Eriksson Ek"].mentions == 2
