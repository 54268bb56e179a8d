"""Events from news sentences: triggers, participants from the grammar, places, dates, one row per happening."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pipeline.models import Event, Extraction

THU = dt.date(2019, 3, 14)  # a Thursday


def _named(x: Extraction, event: Event) -> set[str]:
    by_key = {e.key: e.name for e in x.entities}
    return {by_key[k] for k in event.participant_keys} | set(event.participant_names)


def _of_type(x: Extraction, kind: str) -> list[Event]:
    return [e for e in x.events if e.event_type == kind]


def test_a_meeting_with_its_participants_place_and_date(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Tuesday to discuss "
        "the budget of the European Union.",
        published=THU,
    )
    [meeting] = _of_type(x, "meeting")
    assert meeting.cameo_code == "040"
    assert {"Angela Merkel", "Emmanuel Macron"} <= _named(x, meeting)
    assert meeting.place == "Paris"
    assert meeting.start_date is not None and meeting.start_date.value == dt.date(2019, 3, 12)
    assert meeting.date_text == "Tuesday"


def test_participants_are_the_arguments_not_every_name_in_the_sentence(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Spokesman John Kirby said on Monday that Japanese Prime Minister Shinzo Abe will visit Canberra next "
        "week for talks on trade.",
        published=THU,
    )
    [visit] = _of_type(x, "visit")
    assert "Shinzo Abe" in _named(x, visit) and "John Kirby" not in _named(x, visit)
    assert visit.cameo_code == "042"
    assert visit.start_date is not None and visit.start_date.value == dt.date(2019, 3, 18)  # next week's Monday


def test_a_signing_is_dated_by_its_own_clause(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Russia and China signed a treaty on border security on Monday, the foreign ministry said on Wednesday.",
        published=THU,
    )
    [signing] = _of_type(x, "signing")
    assert signing.cameo_code == "057" and {"Russia", "China"} <= _named(x, signing)
    assert signing.start_date is not None and signing.start_date.value == dt.date(2019, 3, 11)


def test_mentions_of_one_visit_are_one_event_with_the_richest_date_and_place(
    extract: Callable[..., Extraction],
) -> None:
    x = extract(
        "Indian Prime Minister Narendra Modi will visit Tokyo on Saturday and Sunday. "
        "Modi's visit is the first by an Indian leader in four years. "
        "During the visit, Modi is expected to meet business leaders, officials said.",
        published=THU,
    )
    visits = _of_type(x, "visit")
    assert len(visits) == 1
    [visit] = visits
    assert visit.place == "Tokyo"
    assert visit.start_date is not None and visit.start_date.value == dt.date(2019, 3, 16)
    assert visit.end_date is not None and visit.end_date.value == dt.date(2019, 3, 17)


def test_an_infinitive_takes_the_subject_of_its_governing_clause(extract: Callable[..., Extraction]) -> None:
    x = extract("Chancellor Olaf Scholz was the first Western leader to call on Beijing after the congress.")
    [visit] = _of_type(x, "visit")
    assert "Olaf Scholz" in _named(x, visit)


def test_without_a_publication_date_relative_dates_stay_empty(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Tuesday.", published=None
    )
    [meeting] = _of_type(x, "meeting")
    assert meeting.start_date is None and meeting.end_date is None


def test_a_happening_nobody_takes_part_in_is_not_an_event(extract: Callable[..., Extraction]) -> None:
    x = extract("The meeting gives everyone an opportunity to think again about the plan, it was said.")
    assert x.events == ()


def test_travel_to_a_place_phone_calls_and_agreements(extract: Callable[..., Extraction]) -> None:
    travel = extract(
        "Russian President Vladimir Putin will travel to Beijing next week, the Kremlin said.", published=THU
    )
    [visit] = _of_type(travel, "visit")
    assert visit.place == "Beijing" and "Vladimir Putin" in _named(travel, visit)
    assert visit.start_date is not None and visit.start_date.value == dt.date(2019, 3, 18)

    nowhere = extract("Voters in the region headed to the polls on Sunday, officials said.", published=THU)
    assert _of_type(nowhere, "visit") == []

    call = extract(
        "Chinese Foreign Minister Wang Yi spoke by phone with U.S. Secretary of State Antony Blinken on Friday.",
        published=THU,
    )
    [communication] = _of_type(call, "communication")
    assert communication.cameo_code == "041" and {"Wang Yi", "Antony Blinken"} <= _named(call, communication)

    agreed = extract("China and Russia agreed on Wednesday to expand military cooperation.", published=THU)
    [agreement] = _of_type(agreed, "agreement")
    assert {"China", "Russia"} <= _named(agreed, agreement)
    assert not _of_type(extract("Most analysts agreed that the plan was too expensive."), "agreement")
