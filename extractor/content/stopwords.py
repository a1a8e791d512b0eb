"""Stop-word lists by language: jusText's lists for ~100 languages, function characters for CJK.

Prose is dense with stop words ("the", "of", "und", "que"); menus, link lists and
labels are not. Languages written without spaces (Chinese, Japanese, Thai) have no
word lists; their prose is dense with function characters instead.
"""

from __future__ import annotations

from functools import cache

#: ISO 639-1 codes (what py3langid returns) to jusText's list names.
JUSTEXT_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian", "ast": "Asturian",
    "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati", "ht": "Haitian",
    "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo",
    "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh",
    "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian",
    "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi",
    "ne": "Nepali", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian",
    "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish",
    "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu",
    "tr": "Turkish", "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}  # fmt: skip

#: Frequent function characters of Chinese and Japanese prose (particles, copulas, pronouns).
CJK_FUNCTION_CHARS = frozenset("的了是在和有我他她这那个们中就也说对要会与及而但被把从到为以之其所于很都没不"
                               "のにはをたがでてとしれさもなかいるあるうこそ")  # fmt: skip
#: Frequent Thai function words' leading characters are not separable; Thai uses the character share.


@cache
def stoplist(language: str | None) -> frozenset[str]:
    """The case-folded stop words of `language` (ISO 639-1), English when unknown."""
    name = JUSTEXT_NAMES.get(language or "", "English")
    try:
        import justext

        return frozenset(w.casefold() for w in justext.get_stoplist(name))
    except (ImportError, ValueError, OSError):  # pragma: no cover - justext ships with trafilatura
        return frozenset()
