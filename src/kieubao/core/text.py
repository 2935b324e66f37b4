"""Vietnamese text folding: the one function used for indexing and for queries alike.

fold("ĐÀ NẴNG") == fold("Đà Nẵng") == fold("đà nẵng") == fold("Da Nang") == "da nang"

Tones and other diacritics are stripped, đ/Đ become d (Unicode gives đ no decomposition, so
NFD alone never folds it — the trap FTS5's remove_diacritics falls into), case is folded, and
runs of white space collapse. Input in any normalisation form (NFC, NFD, mixed) folds the same.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d", ord("Ð"): "d", ord("ð"): "d"}
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for codepoint in range(start, end + 1):
            char = chr(codepoint)
            base = unicodedata.normalize("NFD", char)[0]
            if base != char and base.isascii() and base.isalpha():
                table[codepoint] = base.lower()
    return table


# Precomputed so folding millions of names at index time is one C-level translate() per string.
_FOLD_TABLE = _build_table()


def normalize(text: str) -> str:
    """What we store: NFC, trimmed, inner white space collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """Lower-case, tone-less, đ→d form of ``text`` for indexes and queries."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE).lower()
    if not folded.isascii():
        # Rare: combining marks with no precomposed form, or letters outside the table.
        folded = "".join(
            c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
        ).translate(_FOLD_TABLE)
    return " ".join(folded.split())


def fold_key(text: str) -> str:
    """fold() with punctuation removed too: for matching names typed with dashes or dots
    ("Bà Rịa–Vũng Tàu", "Ba Ria - Vung Tau", "TP.HCM")."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def tokens(text: str) -> list[str]:
    """The folded words of ``text``, as the search index and the query parser both see them."""
    return [t for t in _NON_WORD.split(fold(text)) if t]
