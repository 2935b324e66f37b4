"""Vietnamese typed in the legacy 8-bit font encodings TCVN3 (ABC) and VNI-Windows.

Before Unicode, Vietnamese offices typed with fonts whose glyphs sat on the byte values of Western
letters: in a file the text is a run of bytes that any reader decodes as Windows-1252 or Latin-1,
so "Họ và tên" arrives as "Hä vµ tªn" (TCVN3) or "Hoï vaø teân" (VNI). Python has no codec for
either, so the tables are here.

- TCVN3 (TCVN 5712:1993, "ABC" fonts such as .VnTime) is one byte per letter. It has the lower-case
  letters with every tone and, of the capitals, only Ă Â Ê Ô Ơ Ư Đ: upper-case toned letters were
  typed with a separate capital font (.VnTimeH) on the same bytes as the lower-case ones, so the
  bytes alone cannot tell them apart and they come back in lower case.
- VNI-Windows writes most letters as an ASCII base letter followed by one marker byte ("aø" = à,
  "aâ" = â, "aá" = ấ); ơ ư đ, and i and ỵ with their tones, are single bytes.

``detect`` decides from a whole file's sample whether its text is in one of them, by converting
each non-ASCII word with each candidate and counting which reading gives real Vietnamese
syllables; see its docstring for the rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

ENCODINGS = ("tcvn3", "vni")

# --- the tables -----------------------------------------------------------------------------------

# Tone order in both tables below: huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot).
_TONE_MARKS = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _toned(letter: str) -> list[str]:
    return [unicodedata.normalize("NFC", letter + mark) for mark in _TONE_MARKS]


# TCVN3: each toneless vowel's own byte (if it has one), then its five toned forms.
_TCVN3_ROWS: list[tuple[str, int | None, tuple[int, int, int, int, int]]] = [
    ("a", None, (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ă", 0xA8, (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("â", 0xA9, (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("e", None, (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ê", 0xAA, (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("i", None, (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("o", None, (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ô", 0xAB, (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ơ", 0xAC, (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("u", None, (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ư", 0xAD, (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("y", None, (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
]
_TCVN3_SINGLES = {0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư"}
_TCVN3_SINGLES[0xA7] = "Đ"


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_SINGLES)
    for letter, own, toned in _TCVN3_ROWS:
        if own is not None:
            table[own] = letter
        for byte, char in zip(toned, _toned(letter), strict=True):
            table[byte] = char
    return table


# VNI: markers (lower case, upper case) in the tone order above.
_VNI_TONE = (("ø", "Ø"), ("û", "Û"), ("õ", "Õ"), ("ù", "Ù"), ("ï", "Ï"))
_VNI_CIRCUMFLEX = ("â", "Â")  # a e o → â ê ô
_VNI_CIRCUMFLEX_TONE = (("à", "À"), ("å", "Å"), ("ã", "Ã"), ("á", "Á"), ("ä", "Ä"))
_VNI_BREVE = ("ê", "Ê")  # a → ă
_VNI_BREVE_TONE = (("è", "È"), ("ú", "Ú"), ("ü", "Ü"), ("é", "É"), ("ë", "Ë"))
# Single-byte letters: ơ ư đ, i with each tone, and ỵ.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị"}
_VNI_SINGLE["î"] = "ỵ"


def _vni_table() -> dict[str, str]:
    """VNI sequence -> Unicode letter, lower and upper case.

    The case of the result follows the base letter; a marker of either case is accepted, since
    case conversions in old spreadsheets changed the markers and the base letters independently."""
    table: dict[str, str] = {}

    def add(base: str, markers: tuple[str, str], result: str) -> None:
        for b, r in ((base, result), (base.upper(), result.upper())):
            for marker in markers:
                table[b + marker] = r

    for base in "aeouy":
        for markers, toned in zip(_VNI_TONE, _toned(base), strict=True):
            add(base, markers, toned)
    for base in "aeo":
        hatted = unicodedata.normalize("NFC", base + "\u0302")
        add(base, _VNI_CIRCUMFLEX, hatted)
        for markers, toned in zip(_VNI_CIRCUMFLEX_TONE, _toned(hatted), strict=True):
            add(base, markers, toned)
    add("a", _VNI_BREVE, "ă")
    for markers, toned in zip(_VNI_BREVE_TONE, _toned("ă"), strict=True):
        add("a", markers, toned)
    for byte, letter in _VNI_SINGLE.items():
        table[byte] = letter
        table[byte.upper()] = letter.upper()
    for horned in ("ô", "ö"):  # ơ ư take the tone markers too
        for markers, toned in zip(_VNI_TONE, _toned(_VNI_SINGLE[horned]), strict=True):
            add(horned, markers, toned)
    return table


# Windows-1252 puts other characters on bytes 0x80-0x9F (‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜
# ™ š › œ ž Ÿ); a reader that decoded with it rather than Latin-1 gives those, so they are
# mapped back to their bytes before the legacy tables apply.
def _cp1252_specials() -> dict[str, int]:
    specials = {}
    for byte in range(0x80, 0xA0):
        try:
            specials[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            continue  # 0x81 0x8D 0x8F 0x90 0x9D: undefined, Latin-1 gives U+0081 etc.
    return specials


_CP1252_SPECIALS = _cp1252_specials()


@cache
def _tcvn3_translation() -> dict[int, str]:
    table = _tcvn3_table()
    translation = {byte: char for byte, char in table.items()}
    for char, byte in _CP1252_SPECIALS.items():
        if byte in table:
            translation[ord(char)] = table[byte]
    return translation


@cache
def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = _vni_table()
    for char, byte in _CP1252_SPECIALS.items():
        for sequence, letter in list(table.items()):
            if chr(byte) in sequence:
                table[sequence.replace(chr(byte), char)] = letter
    alternatives = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in alternatives)), table


def _check(encoding: str) -> str:
    name = encoding.lower()
    if name not in ENCODINGS:
        raise ValueError(f"Unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    return name


def to_unicode(text: str, encoding: str) -> str:
    """``text`` as typed in the legacy ``encoding`` ("tcvn3" or "vni"), its bytes having been
    decoded as Latin-1 or Windows-1252, converted to NFC Unicode. Characters the encoding does
    not use are kept as they are."""
    name = _check(encoding)
    if name == "tcvn3":
        converted = text.translate(_tcvn3_translation())
    else:
        pattern, table = _vni_pattern()
        converted = pattern.sub(lambda m: table[m.group(0)], text)
    return unicodedata.normalize("NFC", converted)


@cache
def _encoders() -> dict[str, dict[str, str]]:
    tcvn3 = {char: chr(byte) for byte, char in _tcvn3_table().items()}
    for char, encoded in list(tcvn3.items()):
        # No upper-case toned letters in TCVN3: the capital font wrote them on the same bytes.
        tcvn3.setdefault(char.upper(), encoded)
    vni: dict[str, str] = {}
    for sequence, letter in _vni_table().items():
        # The canonical spelling: base and marker of the same case.
        if sequence[-1:].isupper() == letter.isupper() or len(sequence) == 1:
            vni.setdefault(letter, sequence)
    return {"tcvn3": tcvn3, "vni": vni}


def from_unicode(text: str, encoding: str) -> str:
    """The inverse of ``to_unicode``: Unicode text as a legacy font would have stored it (as a
    Latin-1 string). Used to make test files; upper-case toned letters become lower case in
    TCVN3, which has none."""
    table = _encoders()[_check(encoding)]
    return "".join(table.get(char, char) for char in unicodedata.normalize("NFC", text))


# --- detection --------------------------------------------------------------------------------

_TONES = frozenset(_TONE_MARKS)
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
# Rhymes that can end a syllable or take a final consonant, and those that cannot.
_CLOSABLE = "a ă â e ê i o ô ơ u ư y iê yê oa oă oe oo uâ uê uô ươ uy uyê".split()
_OPEN = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oao oay oeo uây uôi ươi "
    "ươu uya uyu"
).split()


def _alternation(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(
    _ONSET + f"(?:(?:{_alternation(_CLOSABLE)})(?:ch|ng|nh|[cmnpt])?|(?:{_alternation(_OPEN)}))"
)
# Words are split on white space, ASCII punctuation and digits, and the punctuation of Windows-1252
# (the legacy letters include symbols such as µ ¸ ¶ · ¹ ¨ » ¾ ¼ ½ « ¬ § ¡ ¢ £ ¤ ¥ ¦ © ®, so
# Unicode's idea of a letter cannot be used).
_WORD_SEPARATORS = re.compile(r"[\s!-/0-9:-@\[-`{-~\u2013\u2014\u2018\u2019\u201c\u201d\u2026]+")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (in any case) is spelled like one Vietnamese syllable with at most one
    tone. A plausibility test, not a dictionary: "tờn" passes, "josộ" and "hoù" do not."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def _could_be_legacy(text: str) -> bool:
    return all(ord(c) < 0x100 or c in _CP1252_SPECIALS for c in text)


def detect(sample: str | Iterable[str]) -> str | None:
    """ "tcvn3", "vni" or None for a sample of a file's text (all its headers and a few thousand
    cells, say), decided for the whole sample.

    Every word with a non-ASCII letter is read three ways: as it is, and converted from each
    legacy encoding (strings holding a character no legacy font produces, such as "ộ", are only
    read as they are). An encoding wins when its conversions give a plausible Vietnamese syllable
    for at least two words, for at least half of all such words, for more words than the other
    encoding, and for at least twice as many as the text read as it is. Unicode Vietnamese reads
    as Vietnamese already; Western names ("José Müller", "François", "Ørsted") convert to
    nonsense such as "Josộ"; so neither fires."""
    texts = [sample] if isinstance(sample, str) else sample
    words = 0
    as_is = 0
    votes = dict.fromkeys(ENCODINGS, 0)
    for text in texts:
        if not text or text.isascii():
            continue
        legacy_possible = _could_be_legacy(text)
        for word in _WORD_SEPARATORS.split(text):
            if not word or word.isascii():
                continue
            words += 1
            as_is += is_vietnamese_syllable(word)
            if not legacy_possible:
                continue
            for encoding in ENCODINGS:
                converted = to_unicode(word, encoding)
                if converted != word and is_vietnamese_syllable(converted):
                    votes[encoding] += 1
    best, runner_up = sorted(ENCODINGS, key=votes.__getitem__, reverse=True)
    count = votes[best]
    if count >= 2 and count * 2 >= words and count > votes[runner_up] and count >= 2 * as_is:
        return best
    return None


def repair(value: str, encoding: str | None) -> str:
    """``value`` in NFC, converted from the legacy ``encoding`` when one is given and the value
    has non-ASCII characters that a legacy font could have produced (a value already holding
    Unicode-only letters, typed by someone else into the same file, is left alone)."""
    if encoding and not value.isascii() and _could_be_legacy(value):
        return to_unicode(value, encoding)
    return unicodedata.normalize("NFC", value)
