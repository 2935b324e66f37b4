"""Vietnamese tax codes (mã số thuế): 10 digits for an enterprise, whose last digit is a check
digit, or 13 digits (the enterprise's 10 and a 3-digit branch number from 001) for a branch or
dependent unit, usually written 0100109106-001. Stored as written by the tax office: 10 digits,
or 10 digits, a hyphen and 3 digits."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_SEPARATORS = re.compile(r"[\s.\-]")


def check_digit(first_nine: str) -> int | None:
    """The tenth digit for these nine, or None when no digit fits (such codes are never issued)."""
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    digit = 10 - total % 11
    return digit if digit < 10 else None


def clean_tax_code(value: str) -> str:
    digits = _SEPARATORS.sub("", str(value or ""))
    # ASCII digits only: str.isdigit() also takes full-width and other scripts' digits.
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in (10, 13):
        raise ValidationError(
            _(
                "A tax code has 10 digits, or 13 for a branch (e.g. 0100109106 or "
                "0100109106-001); got “%(value)s”."
            )
            % {"value": value},
            code="tax_code_format",
        )
    if check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("“%(value)s” is not a valid tax code: its check digit does not match.")
            % {"value": value},
            code="tax_code_check",
        )
    if len(digits) == 13:
        if digits[10:] == "000":
            raise ValidationError(
                _("A branch number runs from 001 to 999; got %(branch)s.")
                % {"branch": digits[10:]},
                code="tax_code_branch",
            )
        return f"{digits[:10]}-{digits[10:]}"
    return digits


def make_tax_code(first_nine: str) -> str | None:
    """A valid 10-digit code from nine digits (demo data and tests), or None if none exists."""
    digit = check_digit(first_nine)
    return None if digit is None else f"{first_nine}{digit}"
