"""Near-duplicate fingerprints: copies of one story match, different stories on one topic do not."""

from __future__ import annotations

from pipeline.clean import dedupe

STORY = (
    "Foreign ministers of the six member states met in the capital on Tuesday to prepare a summit that will "
    "sign a charter on regional security. The ministers agreed on the text of a declaration against terrorism, "
    "a spokesman said after the talks, and asked their deputies to draft rules for a joint anti-terror centre.\n\n"
    "The meeting was the first since the group admitted a new member last year. Officials said the charter "
    "would set up a permanent secretariat and a budget, and that the leaders would sign it in June."
)
OTHER = (
    "Defence ministers of the six member states met in the capital on Friday to review joint exercises held "
    "near the border in August. The ministers discussed a plan for exercises next year, a spokeswoman said, "
    "and praised the troops who took part.\n\nThe group has held exercises every year since it was founded."
)


def test_a_copy_with_one_more_paragraph_is_a_near_duplicate() -> None:
    longer = STORY + "\n\nThe summit will be held in a city on the coast, officials added on Wednesday."
    assert dedupe.resemblance(dedupe.sketch(STORY), dedupe.sketch(longer)) >= dedupe.MIN_RESEMBLANCE
    assert dedupe.is_near_duplicate(STORY, longer)


def test_a_story_on_the_same_topic_is_not_a_near_duplicate() -> None:
    assert dedupe.resemblance(dedupe.sketch(STORY), dedupe.sketch(OTHER)) < dedupe.MIN_RESEMBLANCE / 2
    assert not dedupe.is_near_duplicate(STORY, OTHER)


def test_a_digest_of_a_long_story_is_another_article() -> None:
    first_sentence = STORY.split(". ")[0] + "."
    assert dedupe.overlap(STORY, first_sentence) == 1.0  # all of it is in the story...
    assert not dedupe.is_near_duplicate(STORY, first_sentence)  # ...but it is a different, shorter piece


def test_sketch_is_stable_between_processes_and_fits_a_bigint() -> None:
    sketch = dedupe.sketch(STORY)
    assert sketch == sorted(sketch) and len(sketch) == dedupe.K
    assert all(-(2**63) <= h < 2**63 for h in sketch)
    assert sketch[0] == dedupe._hash64(min((s for s in dedupe._shingles(STORY)), key=dedupe._hash64))


def test_empty_text_has_an_empty_sketch() -> None:
    assert dedupe.sketch("") == [] and dedupe.resemblance([], [1]) == 0.0
