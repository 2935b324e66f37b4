"""The Vietnamese catalogue is complete, well-formed and in step with the source.

No database: the catalogues are parsed with a small reader of the PO format, the source is scanned
with simple regexes for single-line literals (enough to catch a forgotten ``makemessages``), and
one test looks a string up through Django with the real compiled catalogue.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

PACKAGE_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = PACKAGE_DIR / "locale"
VI_PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"


# --- a small PO reader --------------------------------------------------------------------------


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(quoted: str) -> str:
    body = quoted.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def parse_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, target = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, quoted = match.groups()
            value = _unquote(quoted)
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index) if index is not None else 0)
                entry.msgstr[target[1]] = value
            else:
                target = (keyword, None)
                setattr(entry, keyword, value)
        elif line.startswith('"') and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, name, getattr(entry, name) + _unquote(line))
        else:
            raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
    return [e for e in entries if not e.obsolete and (e.msgid or e.msgstr)]


def _header(entries: list[Entry]) -> dict[str, str]:
    header = next(e for e in entries if e.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


# Placeholders: %(name)s (python-format, and what blocktranslate's {{ name }} becomes),
# {{ name }} (template style) and {name} (brace format).
_PLACEHOLDERS = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{\{\s*[\w.|:]+\s*\}\}|\{\w+\}"
)


def placeholders(text: str) -> set[str]:
    return {re.sub(r"\s+", "", p) for p in _PLACEHOLDERS.findall(text)}


@pytest.fixture(scope="module")
def vi_entries() -> list[Entry]:
    return parse_po(VI_PO)


@pytest.fixture(scope="module")
def vi_messages(vi_entries) -> list[Entry]:
    return [e for e in vi_entries if not e.is_header]


# --- the Vietnamese catalogue -------------------------------------------------------------------


def test_vi_header_declares_language_charset_and_single_plural_form(vi_entries):
    header = _header(vi_entries)
    assert header.get("Language") == "vi"
    assert "charset=UTF-8" in header.get("Content-Type", "")
    assert header.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    assert "fuzzy" not in next(e for e in vi_entries if e.is_header).flags


def test_vi_catalogue_is_not_empty(vi_messages):
    assert len(vi_messages) > 100


def test_every_vi_message_is_translated(vi_messages):
    untranslated = [str(e) for e in vi_messages if not all(s.strip() for s in e.msgstr.values())]
    assert not untranslated, "Untranslated in vi/django.po:\n" + "\n".join(untranslated)


def test_no_vi_message_is_fuzzy(vi_messages):
    fuzzy = [str(e) for e in vi_messages if "fuzzy" in e.flags]
    assert not fuzzy, "Fuzzy (check, then remove the flag):\n" + "\n".join(fuzzy)


def test_vi_plural_messages_have_exactly_one_form(vi_messages):
    plural = [e for e in vi_messages if e.msgid_plural is not None]
    assert plural, "expected some plural messages"
    wrong = [str(e) for e in plural if set(e.msgstr) != {0}]
    assert not wrong, "Vietnamese has one plural form, msgstr[0] only:\n" + "\n".join(wrong)


def test_vi_translations_keep_every_placeholder(vi_messages):
    problems = []
    for entry in vi_messages:
        source = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for index, text in entry.msgstr.items():
            translated = placeholders(text)
            if missing := source - translated:
                problems.append(f"{entry} msgstr[{index}] lacks {sorted(missing)}")
            if extra := translated - source:
                problems.append(f"{entry} msgstr[{index}] has unknown {sorted(extra)}")
    assert not problems, "\n".join(problems)


def test_python_format_translations_have_no_stray_percent(vi_messages):
    # The % operator fails at runtime on a lone "%" (write "%%" for a literal percent sign).
    directives = re.compile(r"%%|%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
    broken = [
        str(e)
        for e in vi_messages
        if "python-format" in e.flags
        and any("%" in directives.sub("", text) for text in e.msgstr.values())
    ]
    assert not broken, "Stray % in python-format translations:\n" + "\n".join(broken)


# --- the English catalogue ----------------------------------------------------------------------


def test_en_header_and_plural_messages():
    entries = parse_po(EN_PO)
    header = _header(entries)
    assert header.get("Language") == "en"
    assert header.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"
    wrong = [
        str(e)
        for e in entries
        if e.msgid_plural is not None and e.msgstr != {0: e.msgid, 1: e.msgid_plural}
    ]
    assert not wrong, "English plural messages need msgstr[0]/[1] = msgid/msgid_plural:\n" + (
        "\n".join(wrong)
    )


# --- the catalogue is in step with the source ---------------------------------------------------

_STRING = r"(\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"
_PY_CALL = re.compile(
    r"(?<![\w.])(?:_|gettext|gettext_lazy|pgettext_lazy|pgettext)\(\s*" + _STRING + r"\s*\)"
)
_TEMPLATE_TRANSLATE = re.compile(r"{%\s*(?:translate|trans)\s+" + _STRING + r"[^%]*%}")
_TEMPLATE_UNDERSCORE = re.compile(r"(?<![\w.])_\(" + _STRING + r"\)")
_BLOCK = re.compile(
    r"{%\s*(?:blocktranslate|blocktrans)\b(?P<args>[^%]*)%}(?P<body>.*?)"
    r"{%\s*(?:endblocktranslate|endblocktrans)\s*%}",
    re.DOTALL,
)
_PLURAL_TAG = re.compile(r"{%\s*plural\s*%}")
_TEMPLATE_VAR = re.compile(r"{{\s*(\w+)\s*}}")


def _source_files(suffix: str) -> list[Path]:
    return sorted(
        path
        for path in PACKAGE_DIR.rglob(f"*{suffix}")
        if "tests" not in path.relative_to(PACKAGE_DIR).parts
        and "migrations" not in path.relative_to(PACKAGE_DIR).parts
    )


def _blocktranslate_msgids(args: str, body: str) -> list[str]:
    def convert(text: str) -> str:
        text = text.replace("%", "%%")
        text = _TEMPLATE_VAR.sub(lambda m: f"%({m.group(1)})s", text)
        if "trimmed" in args.split():
            text = " ".join(text.split())
        return text

    return [convert(part) for part in _PLURAL_TAG.split(body)]


def literal_msgids() -> dict[str, list[str]]:
    """msgid -> where it is used, for single-line literals in the package's code and templates."""
    found: dict[str, list[str]] = {}

    def add(text: str, path: Path, offset: int, source: str) -> None:
        line = source.count("\n", 0, offset) + 1
        found.setdefault(text, []).append(f"{path.relative_to(PACKAGE_DIR)}:{line}")

    for path in _source_files(".py"):
        source = path.read_text(encoding="utf-8")
        for match in _PY_CALL.finditer(source):
            add(ast.literal_eval(match.group(1)), path, match.start(), source)
    for path in _source_files(".html") + _source_files(".txt"):
        source = path.read_text(encoding="utf-8")
        for pattern in (_TEMPLATE_TRANSLATE, _TEMPLATE_UNDERSCORE):
            for match in pattern.finditer(source):
                add(match.group(1)[1:-1], path, match.start(), source)
        for match in _BLOCK.finditer(source):
            for text in _blocktranslate_msgids(match.group("args"), match.group("body")):
                add(text, path, match.start(), source)
    return found


def test_the_source_scan_finds_strings():
    found = literal_msgids()
    assert "People" in found
    assert "Everyone" in found
    assert "%(total)s person found" in found  # from a {% blocktranslate count %}


def test_every_literal_in_the_source_is_in_the_vi_catalogue(vi_messages):
    known = {e.msgid for e in vi_messages} | {e.msgid_plural for e in vi_messages}
    missing = [
        f"{msgid!r} ({', '.join(places)})"
        for msgid, places in literal_msgids().items()
        if msgid not in known
    ]
    assert not missing, (
        "Not in locale/vi/LC_MESSAGES/django.po. In src/kieubao run `KIEUBAO_TESTING=1 "
        "kieubao makemessages -l vi -l en --ignore '*/tests/*' --no-obsolete`, then translate:\n"
        + "\n".join(missing)
    )


# --- Django uses the compiled catalogue ----------------------------------------------------------


def _compile_if_stale() -> None:
    stale = [
        po
        for po in (VI_PO, EN_PO)
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if not stale:
        return
    cwd = Path.cwd()
    try:
        # compilemessages walks the working directory: keep it to the package.
        os.chdir(PACKAGE_DIR)
        call_command("compilemessages", locale=["vi", "en"], verbosity=0)
    finally:
        os.chdir(cwd)
    # Catalogues loaded before compiling are cached per process; start afresh.
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    for name in ("check_for_language", "_check_for_language", "get_supported_language_variant"):
        cache_clear = getattr(getattr(trans_real, name, None), "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


def test_django_translates_to_vietnamese_with_the_compiled_catalogue():
    _compile_if_stale()
    with translation.override("vi"):
        assert translation.gettext("People") == "Kiều bào"
        assert translation.gettext("Everyone") == "Mọi người"
        assert translation.ngettext("%(total)s person found", "%(total)s people found", 5) % {
            "total": 5
        } == ("Tìm thấy 5 kiều bào")
    with translation.override("en"):
        assert translation.gettext("People") == "People"
        assert (
            translation.ngettext("%(total)s person found", "%(total)s people found", 1)
            % {"total": 1}
            == "1 person found"
        )
