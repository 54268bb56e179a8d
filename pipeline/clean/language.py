"""Language identification with py3langid (a maintained langid.py fork, model shipped offline)."""

from __future__ import annotations

from functools import lru_cache

import py3langid


@lru_cache(maxsize=1)
def _identifier() -> py3langid.langid.LanguageIdentifier:
    return py3langid.langid.LanguageIdentifier.from_model_file(py3langid.langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short or the guess too weak."""
    # words only: one 30,000-character token (an identifier, a base64 blob) must not outvote the prose
    sample = " ".join(w for w in text[:20000].split() if len(w) <= 40)[:5000]
    if len(sample.split()) < 5:
        return None
    code, prob = _identifier().classify(sample)
    return str(code) if prob >= 0.5 else None
