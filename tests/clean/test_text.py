"""Cleaning heuristics, each on a small realistic snippet."""

from __future__ import annotations

import pytest

from pipeline.clean.patterns import FURNITURE
from pipeline.clean.text import clean_text_dump

PROSE = (
    "The foreign ministers of both countries said on Friday that they would meet again in the spring to "
    "review the progress of the trade agreement signed last year in the capital."
)
PROSE2 = (
    "Officials from the two governments have been working on the details of the plan for several months, "
    "and they expect the first results to be published before the end of the year."
)


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Go to contents",
        "Accessibility links",
        "XS",
        "LG",
        "Adjust font size:",
        "You are here:   Home/ World",
        "Story Tools",
        "Top Stories",
        "1   2   3   4   5   6",
        "external link",
        "A Time Warner Company. All Rights Reserved.",
        "Read our privacy guidelines. Contact us.",
        "more video VIDEO",
        "Off the wire",
        "Home",
        "Search form",
        "Previous Post",
        "#header",
        ".entry-meta",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert FURNITURE.match(line)


@pytest.mark.parametrize(
    "line",
    ["Eye on NATO", PROSE, "Liu Zhenmin:", "(CNN) -- The talks began.", "Homeland security", "Search and rescue"],
)
def test_content_is_not_furniture(line: str) -> None:
    assert not FURNITURE.match(line)


def test_header_footer_and_widgets_removed_story_kept() -> None:
    page = "\n".join(
        [
            "Skip to main content",
            "Home  World  Business",
            "",
            "Ministers to meet in spring - 2019-04-05",
            "",
            PROSE,
            "",
            PROSE2,
            "",
            "Story Tools",
            "Top Stories",
            "Market closes higher on oil",
            "© 2019 Example News Network LP, LLLP.",
            "XS",
            "SM",
            "MD",
            "LG",
        ]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == "Ministers to meet in spring"
    assert cleaned.published is not None and cleaned.published.isoformat() == "2019-04-05"
    assert cleaned.body.split("\n\n") == [PROSE, PROSE2]


def test_wire_lead_and_byline_kept() -> None:
    page = "\n".join(["Ministers agree plan", "By Jane Roe", "", f"(Reuters) -- {PROSE}", "", PROSE2])
    cleaned = clean_text_dump(page)
    assert cleaned.body.startswith("(Reuters) --")
    assert cleaned.byline == "Jane Roe"
    assert cleaned.publisher == "Reuters"


def test_transcript_turns_are_content() -> None:
    page = "\n".join(
        [
            "Press briefing on trade",
            "",
            "Reporter:",
            "",
            PROSE + " What is your comment on this?",
            "",
            "Jane Roe:",
            "",
            PROSE2,
        ]
    )
    body = clean_text_dump(page).body
    assert "Reporter:" in body and "Jane Roe:" in body


def test_repeated_caption_leaves_body_but_is_kept_as_caption() -> None:
    caption = "The minister, left, met his counterpart in the capital on March 3 for a second round of talks"
    page = "\n".join(["Ministers meet again", "", caption, caption, "", PROSE, "", PROSE2])
    cleaned = clean_text_dump(page)
    assert caption not in cleaned.body and cleaned.captions == (caption,)


def test_copyright_year_is_not_a_publication_date() -> None:
    page = "\n".join(["Ministers meet again", "", PROSE, "", PROSE2, "", "© 2004 Example News. All Rights Reserved."])
    assert clean_text_dump(page).published is None


@pytest.mark.parametrize(
    ("dateline", "iso"),
    [
        ("Posted July. 18, 2002 22:21,", "2002-07-18"),
        ("example.com, January 19, 2017 Adjust font size:", "2017-01-19"),
        ("Published 3 March 2015", "2015-03-03"),
        ("Updated: March 2015", "2015-03"),
    ],
)
def test_dateline_under_headline(dateline: str, iso: str) -> None:
    page = "\n".join(["Ministers meet again", "", dateline, "", PROSE, "", PROSE2])
    cleaned = clean_text_dump(page)
    assert cleaned.title == "Ministers meet again"
    assert cleaned.published is not None and cleaned.published.isoformat() == iso


def test_author_email_at_the_end_gives_byline_and_publisher() -> None:
    page = "\n".join(["Ministers meet again", "", PROSE, "", PROSE2, "", "jroe@example-daily.com"])
    cleaned = clean_text_dump(page)
    assert cleaned.byline == "jroe@example-daily.com" and cleaned.publisher == "example-daily.com"
    assert "jroe@" not in cleaned.body


def test_readers_comments_after_the_story_are_not_body() -> None:
    story = [
        "Harbour pilots walked off the job on Thursday morning, leaving a dozen cargo ships waiting at anchor "
        "outside the port after talks on new shift rules broke down late on Wednesday night.",
        "The port authority said in a statement that the rules met national safety standards and that it "
        "remained ready to return to the table at any time, but it gave no date for new talks.",
    ]
    comments = [
        "12 Comments",
        "I think the pilots are right about this, and the port authority should have listened to them years ago.",
        "Rating: 7 Votes",
        "Nobody asked the shipping agents what they think, and they are the ones who will pay for all of this.",
    ]
    cleaned = clean_text_dump("\n".join(["Pilots strike - 2019-03-14", *story, *comments]))
    assert cleaned.body == "\n\n".join(story)


def test_a_german_page_is_judged_with_german_stopwords() -> None:
    story = (
        "Die Hafenlotsen haben am Donnerstagmorgen die Arbeit niedergelegt, und ein Dutzend Frachtschiffe "
        "wartet nun vor dem Hafen, nachdem die Gespräche über neue Schichtregeln in der Nacht gescheitert sind."
    )
    more = (
        "Die Hafenbehörde erklärte, die Regeln entsprächen den nationalen Sicherheitsstandards, und sie sei "
        "jederzeit bereit, an den Verhandlungstisch zurückzukehren, nannte aber keinen Termin."
    )
    cleaned = clean_text_dump(
        "\n".join(["Startseite", "Politik", "Wirtschaft", "Lotsen streiken", story, more, "Impressum"])
    )
    assert cleaned.body == f"{story}\n\n{more}"
