"""Languages a person may speak: ISO 639-1 codes, names shown in the viewer's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Languages of the countries where overseas Vietnamese live, plus the world's major languages.
LANGUAGES: dict[str, object] = {
    "vi": _("Vietnamese"),
    "en": _("English"),
    "fr": _("French"),
    "de": _("German"),
    "ja": _("Japanese"),
    "ko": _("Korean"),
    "zh": _("Chinese"),
    "ru": _("Russian"),
    "cs": _("Czech"),
    "pl": _("Polish"),
    "uk": _("Ukrainian"),
    "es": _("Spanish"),
    "pt": _("Portuguese"),
    "it": _("Italian"),
    "nl": _("Dutch"),
    "sv": _("Swedish"),
    "no": _("Norwegian"),
    "da": _("Danish"),
    "fi": _("Finnish"),
    "hu": _("Hungarian"),
    "ro": _("Romanian"),
    "bg": _("Bulgarian"),
    "sk": _("Slovak"),
    "th": _("Thai"),
    "km": _("Khmer"),
    "lo": _("Lao"),
    "id": _("Indonesian"),
    "ms": _("Malay"),
    "tl": _("Filipino"),
    "hi": _("Hindi"),
    "ar": _("Arabic"),
    "he": _("Hebrew"),
    "tr": _("Turkish"),
}


def language_name(code: str) -> str:
    name = LANGUAGES.get(code)
    return str(name) if name is not None else code


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LANGUAGES.items()]
