"""Who said what: quotes, reported speech and their speakers, on small news texts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.models import Extraction


def _said(x: Extraction) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, cue, speaker's canonical name or the words used, text) per statement."""
    names = {e.key: e.name for e in x.entities}
    return [(s.kind, s.cue, names.get(s.speaker_key or "", s.speaker_text), s.text) for s in x.statements]


def test_a_quote_with_the_speaker_after_the_verb(extract: Callable[..., Extraction]) -> None:
    x = extract('"We will not accept this," said Foreign Ministry spokeswoman Hua Chunying at a regular briefing.')
    assert _said(x) == [("direct", "say", "Hua Chunying", "We will not accept this,")]
    assert x.statements[0].speaker_text == "spokeswoman Hua Chunying"  # where she spoke is not who she is


def test_reported_speech_of_an_organization_in_a_statement(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "The Russian Foreign Ministry said in a statement that the sanctions were illegal and would be answered."
    )
    assert _said(x) == [
        ("indirect", "say", "Russian Foreign Ministry", "the sanctions were illegal and would be answered")
    ]


def test_according_to_a_person_but_not_to_a_document(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "According to Hua Chunying, the talks were productive and would continue next month. "
        "According to the report, exports fell by a fifth in the first quarter of the year."
    )
    assert _said(x) == [
        ("indirect", "according to", "Hua Chunying", "the talks were productive and would continue next month")
    ]


def test_the_headline_is_never_the_speaker_and_a_quote_goes_on_with_its_speaker(
    extract: Callable[..., Extraction],
) -> None:
    x = extract(
        '"We are ready to talk," Putin said. "But we need firm guarantees from the other side."', title="Report"
    )
    said = _said(x)
    assert [s[2] for s in said] == ["Putin", "Putin"]
    assert said[1][3] == "But we need firm guarantees from the other side."


def test_a_pronoun_speaker_is_the_person_named_before(extract: Callable[..., Extraction]) -> None:
    x = extract('Kremlin spokesman Dmitry Peskov met reporters. "It is a good deal for both sides," he told reporters.')
    assert _said(x) == [("direct", "tell", "Dmitry Peskov", "It is a good deal for both sides,")]


def _in_body(x: Extraction) -> None:
    for s in x.statements:
        assert x.article.body[s.start : s.end] == s.text


def test_a_quote_split_by_its_attribution_is_two_statements_of_one_speaker(extract: Callable[..., Extraction]) -> None:
    x = extract(
        'Foreign Ministry spokesman Kong Quan spoke on Thursday. "This is a very important visit," Kong said. '
        '"It will have a major impact on the development of future ties."'
    )
    assert _said(x) == [
        ("direct", "say", "Kong Quan", "This is a very important visit,"),
        ("direct", None, "Kong Quan", "It will have a major impact on the development of future ties."),
    ]
    _in_body(x)


def test_a_quote_of_several_sentences_is_one_statement(extract: Callable[..., Extraction]) -> None:
    x = extract('"We are ready. We have always been ready to talk to them," Lavrov said on Friday.')
    assert _said(x) == [("direct", "say", "Lavrov", "We are ready. We have always been ready to talk to them,")]


def test_curly_quotes_are_quotes(extract: Callable[..., Extraction]) -> None:
    x = extract("\u201cThe sanctions will not change our course in any way,\u201d Peskov told reporters on Monday.")
    assert _said(x) == [("direct", "tell", "Peskov", "The sanctions will not change our course in any way,")]
    _in_body(x)


def test_a_quote_running_over_two_paragraphs_is_one_statement(extract: Callable[..., Extraction]) -> None:
    body = (
        "Foreign Minister Sergei Lavrov spoke after the talks.\n\n"
        '"We discussed the situation in Syria and on the Korean peninsula in detail.\n\n'
        '"We agreed to continue close coordination at the United Nations," he said.'
    )
    x = extract(body)
    [st] = x.statements
    assert (st.kind, st.cue, _said(x)[0][2]) == ("direct", "say", "Sergei Lavrov")
    assert st.text.startswith("We discussed") and st.text.endswith("United Nations,")
    _in_body(x)


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker", "text"),
    [
        (
            "Wang Yi told reporters that the two sides had reached a broad consensus on trade.",
            "tell",
            "Wang Yi",
            "the two sides had reached a broad consensus on trade",
        ),
        (
            "Putin stressed that Russia would never accept the expansion of the alliance to the east.",
            "stress",
            "Putin",
            "Russia would never accept the expansion of the alliance to the east",
        ),
        (
            "Stoltenberg warned that the alliance would respond to any attack on its members.",
            "warn",
            "Stoltenberg",
            "the alliance would respond to any attack on its members",
        ),
        (
            "Medvedev indicated that Moscow was prepared to extend the treaty for five more years.",
            "indicate",
            "Medvedev",
            "Moscow was prepared to extend the treaty for five more years",
        ),
        (
            "Xi Jinping expressed confidence that bilateral relations would continue to grow.",
            "express",
            "Xi Jinping",
            "confidence that bilateral relations would continue to grow",
        ),
        (
            "Pope Francis appealed for peace in Ukraine and for the protection of civilians.",
            "appeal for",
            "Francis",
            "peace in Ukraine and for the protection of civilians",
        ),
        (
            "Kremlin spokesman Dmitry Peskov called for an immediate ceasefire and the release of all hostages.",
            "call for",
            "Dmitry Peskov",
            "an immediate ceasefire and the release of all hostages",
        ),
        (
            "Washington accused Beijing of stealing trade secrets from American companies.",
            "accuse",
            "Washington",
            "Beijing of stealing trade secrets from American companies",
        ),
    ],
)
def test_reported_speech_cues(
    extract: Callable[..., Extraction], sentence: str, cue: str, speaker: str, text: str
) -> None:
    x = extract(sentence)
    assert _said(x) == [("indirect", cue, speaker, text)]
    _in_body(x)


def test_added_and_replied_after_a_named_speaker(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Chinese Defence Minister Wei Fenghe met his counterpart on Tuesday. "
        "He added that the drills were not aimed at any third party. "
        "Asked about the border, the minister replied that the issue had been settled long ago."
    )
    assert [(s[1], s[2]) for s in _said(x)] == [("add", "Wei Fenghe"), ("reply", "Wei Fenghe")]


def test_stances_and_documents_are_not_statements(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "The two presidents expressed their opposition to the new missile shield. "
        "They signed a declaration calling for a multipolar world. "
        "The government called the meeting for Tuesday."
    )
    assert x.statements == ()


def test_a_transcript_with_labels_on_their_own_lines(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "CRI:\n\nWhat do you expect from the visit of the president next week?\n\n"
        "Liu Zhenmin:\n\nWe expect the visit to deepen our strategic partnership in every field."
    )
    assert _said(x) == [
        ("question", None, "CRI", "What do you expect from the visit of the president next week?"),
        ("direct", None, "Liu Zhenmin", "We expect the visit to deepen our strategic partnership in every field."),
    ]
    _in_body(x)


def test_a_transcript_with_labels_heading_their_paragraphs(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "CRI: What do you expect from the visit of the president next week?\n\n"
        "Liu Zhenmin: We expect the visit to deepen our strategic partnership in every field.\n\n"
        "Reuters: Will the two sides sign a new energy agreement during the visit?\n\n"
        "Liu Zhenmin: Several agreements are being prepared, including one on energy."
    )
    said = _said(x)
    assert [(s[0], s[2]) for s in said] == [
        ("question", "CRI"),
        ("direct", "Liu Zhenmin"),
        ("question", "Reuters"),
        ("direct", "Liu Zhenmin"),
    ]
    assert said[3][3] == "Several agreements are being prepared, including one on energy."
    kinds = {e.name: e.kind for e in x.entities}
    assert kinds["CRI"] == "organization" and kinds["Liu Zhenmin"] == "person"
    _in_body(x)


def test_a_line_or_two_of_labels_is_not_a_transcript(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Moscow and Beijing will hold joint naval drills in the Sea of Japan next month.\n\n"
        "Editor: Zhang Wei and Li Ming of the international desk\n\n"
        "Source: Xinhua News Agency and other wire services"
    )
    assert x.statements == ()


def test_countries_and_unnamed_sources_keep_their_words(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "China says it will retaliate against any new tariffs imposed by the United States. "
        "A Beijing-based Western diplomat said the talks had made little progress on the main issues. "
        "Beijing sources said the president would travel to Moscow next month for the summit. "
        "Some security analysts say the exercises are a signal to the United States and its allies."
    )
    assert [(s.speaker_text, s.speaker_key) for s in x.statements] == [
        ("China", None),
        ("A Beijing-based Western diplomat", None),
        ("Beijing sources", None),
        ("Some security analysts", None),
    ]


def test_an_organization_described_by_its_noun(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "The Russian Foreign Ministry summoned the ambassador on Monday. "
        "The ministry said that the expulsions would not go unanswered."
    )
    assert _said(x) == [("indirect", "say", "Russian Foreign Ministry", "the expulsions would not go unanswered")]
    assert x.statements[0].speaker_text == "The ministry"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Liu Jianchao met journalists in Beijing on Friday. "
            "Mr. Liu said that the two countries would hold joint drills in August.",
            "Liu Jianchao",
        ),
        (
            "Foreign Ministry spokesman Kong Quan spoke on Thursday. "
            "The spokesman added that China opposed any interference in its internal affairs.",
            "Kong Quan",
        ),
        (
            "Russian Security Council Secretary Nikolai Patrushev met Chinese officials in Beijing. "
            "Asked about the border, the Russian Secretary replied that the issue had been settled.",
            "Nikolai Patrushev",
        ),
        (
            "Chinese Vice-Premier Liu He arrived in Washington on Tuesday. "
            "The vice-Premier said that both sides wanted a deal before the deadline.",
            "Liu He",
        ),
        (
            "Russian Defence Minister Sergei Shoigu met Chinese Defence Minister Wei Fenghe in Moscow. "
            "The Chinese minister said that the two armies would hold more joint drills.",
            "Wei Fenghe",
        ),
        (
            "Ms. Zakharova met Mr. Lavrov in Moscow on Monday. "
            "He said that the talks had been useful for both ministries.",
            "Lavrov",
        ),
        (
            "Foreign Ministry spokeswoman Maria Zakharova held a briefing. "
            "She says the statement was a provocation by the West.",
            "Maria Zakharova",
        ),
    ],
)
def test_titles_descriptions_and_pronouns_resolve_to_the_person(
    extract: Callable[..., Extraction], body: str, speaker: str
) -> None:
    x = extract(body)
    assert [s[2] for s in _said(x)] == [speaker]


def test_a_description_nobody_fits_stays_unresolved(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "Russian President Vladimir Putin arrived in Beijing on Monday. "
        "The spokesman said that the visit would last three days and end with a joint statement."
    )
    assert [(s.speaker_text, s.speaker_key) for s in x.statements] == [("The spokesman", None)]
