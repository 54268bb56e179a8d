"""Language identification, and the model loaded ahead in a thread while the flow starts."""

from __future__ import annotations

import threading

from pipeline.clean import language

ENGLISH = "The ministers met on Tuesday to discuss the new trade agreement and its effect on farmers."
FRENCH = "Les ministres se sont réunis mardi pour discuter du nouvel accord commercial et de ses effets."


def test_the_language_of_a_paragraph_and_none_for_a_few_words() -> None:
    assert language.detect_language(ENGLISH) == "en"
    assert language.detect_language(FRENCH) == "fr"
    assert language.detect_language("Menu Home") is None


def test_preloading_loads_the_model_once_and_detection_waits_for_it() -> None:
    def loaders() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "newsetl-language-model"]

    language.preload()
    language.preload()  # a second call while the first loads, or after: no second load
    assert len(loaders()) <= 1
    assert language.detect_language(ENGLISH) == "en"  # waits for the loading thread, if still running
    for thread in loaders():
        thread.join(timeout=30)
    assert len(language._MODEL) == 1
    language.preload()
    assert loaders() == []
