"""The news entity patterns fill what the model left unlabelled and never relabel what it found."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.config import get_settings
from pipeline.nlp import ruler
from pipeline.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(get_settings().spacy_model)


def _patterns_alone(nlp: Language, text: str) -> list[tuple[str, str]]:
    """The model's parse with its entities wiped, then only our patterns: what they add on their own."""
    doc = nlp(text)
    doc.ents = []
    doc = nlp.get_pipe(ruler.COMPONENT)(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_component_runs_after_the_models_ner(nlp: Language) -> None:
    assert nlp.pipe_names.index(ruler.COMPONENT) == nlp.pipe_names.index("ner") + 1


def test_a_name_after_a_title_is_a_person(nlp: Language) -> None:
    ents = _patterns_alone(nlp, "The talks were chaired by spokeswoman Hua Chunying in the afternoon.")
    assert ("Hua Chunying", "PERSON") in ents


def test_a_title_word_is_not_part_of_the_name(nlp: Language) -> None:
    ents = _patterns_alone(nlp, "The plan was backed by Minister Lavrov on Friday.")
    assert ("Lavrov", "PERSON") in ents and not any("Minister" in text for text, _ in ents)


def test_institutions_by_their_head_noun(nlp: Language) -> None:
    ents = _patterns_alone(nlp, "Officials of the Interior Ministry met the Ministry of Emergency Situations today.")
    assert ("Interior Ministry", "ORG") in ents
    assert ("Ministry of Emergency Situations", "ORG") in ents


def test_an_organization_before_its_acronym_starts_where_the_initials_do(nlp: Language) -> None:
    ents = _patterns_alone(nlp, "On Monday Collective Security Treaty Organization (CSTO) members met.")
    assert ("Collective Security Treaty Organization", "ORG") in ents


def test_a_country_after_a_title_is_not_a_person(nlp: Language) -> None:
    assert not any(label == "PERSON" for _, label in _patterns_alone(nlp, "He was named President Russia said."))


def test_labels_the_model_gave_are_kept(nlp: Language) -> None:
    doc = nlp("Russian President Vladimir Putin visited the Shanghai Cooperation Organization in Beijing.")
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Beijing", "GPE") in labels and ("Russian", "NORP") in labels
    assert not any(label == "ORG" and "Russian" in text for text, label in labels)
