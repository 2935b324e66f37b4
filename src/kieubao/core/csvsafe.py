"""Spreadsheet-safe cells for every CSV/XLSX we produce (exports, error reports).

A cell that starts with = + - @ (or tab, CR, LF) is read as a formula by Excel and LibreOffice
(CSV injection); NUL breaks parsers. Such cells are prefixed with an apostrophe, the convention
spreadsheets display as plain text, and NUL is removed (OWASP "CSV Injection")."""

from __future__ import annotations

from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)  # numbers (negative ones too) are data, not formulas
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value).replace("\x00", "")
    if text.startswith(_TRIGGERS):
        return "'" + text
    return text
