"""Language identification with py3langid (a maintained langid.py fork, model shipped offline)."""

from __future__ import annotations

import threading

import py3langid

_LOCK = threading.Lock()
_MODEL: list[py3langid.langid.LanguageIdentifier] = []
_PRELOADING: list[threading.Thread] = []


def _identifier() -> py3langid.langid.LanguageIdentifier:
    with _LOCK:  # one load, whichever thread asks first (see `preload`)
        if not _MODEL:
            _MODEL.append(
                py3langid.langid.LanguageIdentifier.from_model_file(py3langid.langid.MODEL_FILE, norm_probs=True)
            )
        return _MODEL[0]


def preload() -> None:
    """Load the model in a background thread, once per process: half a second of decompressing an lzma
    file (the GIL released) that the first page cleaned would otherwise wait for, and the workers with it."""
    with _LOCK:
        if _MODEL or _PRELOADING:
            return
        _PRELOADING.append(threading.Thread(target=_identifier, name="newsetl-language-model", daemon=True))
    _PRELOADING[0].start()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short or the guess too weak."""
    # words only: one 30,000-character token (an identifier, a base64 blob) must not outvote the prose
    sample = " ".join(w for w in text[:20000].split() if len(w) <= 40)[:5000]
    if len(sample.split()) < 5:
        return None
    code, prob = _identifier().classify(sample)
    return str(code) if prob >= 0.5 else None
