"""Languages of the originals: ISO 639-1 codes and their English names."""

from __future__ import annotations

import re

LANGUAGE_NAMES = {
    "ru": "Russian", "zh": "Chinese", "ko": "Korean", "de": "German", "hu": "Hungarian",
    "pl": "Polish", "cs": "Czech", "sk": "Slovak", "ro": "Romanian", "bg": "Bulgarian",
    "es": "Spanish", "fr": "French", "fa": "Persian", "ar": "Arabic", "ja": "Japanese",
    "vi": "Vietnamese", "sr": "Serbian", "hr": "Croatian", "sq": "Albanian", "mn": "Mongolian",
    "it": "Italian", "pt": "Portuguese", "uk": "Ukrainian", "az": "Azerbaijani", "ka": "Georgian",
    "he": "Hebrew", "tr": "Turkish", "hi": "Hindi", "en": "English",
}
_CODES = {name.lower(): code for code, name in LANGUAGE_NAMES.items()} | {"farsi": "fa"}
# names of more than one word, read before the words one by one ("Serbo-Croatian" is not Croatian);
# hbs is the ISO 639-3 macrolanguage (ISO 639-1 "sh" is deprecated)
_COMPOUNDS = {"serbo-croatian": "hbs", "serbo croatian": "hbs", "croato-serbian": "hbs", "serbocroatian": "hbs"}
LANGUAGE_NAMES = LANGUAGE_NAMES | {"hbs": "Serbo-Croatian"}


def code_for(name: str | None) -> str | None:
    """The code of the first non-English language a label names ("Russian" -> "ru"), or None."""
    low = (name or "").lower()
    for compound, code in _COMPOUNDS.items():
        if compound in low:
            return code
    for word in re.findall(r"[A-Za-z]+", name or ""):
        code = _CODES.get(word.lower())
        if code and code != "en":
            return code
    return None
