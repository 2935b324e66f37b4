"""Cleaning of values coming from any door (forms, the API, imports, the demo) in services.

Each cleaner takes the raw value, the field's name and the errors dict of the service call; on
bad input it adds a translated message under the field and returns an empty value, so a service
collects every field's error and raises them together with ``raise_if``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _

from kieubao.core.provinces import province_by_code
from kieubao.core.text import normalize

_no_nul = ProhibitNullCharactersValidator()


def text(value: Any, *, field: str, errors: dict, max_length: int | None = None) -> str:
    if value is None:
        return ""
    value = str(value)
    try:
        _no_nul(value)
    except ValidationError as exc:
        errors[field] = exc.messages
        return ""
    value = normalize(value).strip()
    if max_length and len(value) > max_length:
        errors[field] = [
            _("At most %(n)d characters (this has %(got)d).") % {"n": max_length, "got": len(value)}
        ]
    return value


def countries(values: Iterable[str] | None, *, field: str, errors: dict) -> list[str]:
    from django_countries import countries

    result = []
    for value in values or []:
        code = str(value).strip().upper()
        if code not in countries:
            errors[field] = [_("“%(value)s” is not a country code.") % {"value": value}]
            return []
        if code not in result:
            result.append(code)
    return result


def country(value: str | None, *, field: str, errors: dict, required: bool = True) -> str:
    codes = countries([value] if value else [], field=field, errors=errors)
    if not codes and required and field not in errors:
        errors[field] = [_("Choose a country.")]
    return codes[0] if codes else ""


def choices(values: Iterable[str] | None, allowed, *, field: str, errors: dict) -> list[str]:
    result = []
    for value in values or []:
        if value not in allowed.values:
            errors[field] = [_("“%(value)s” is not one of the choices.") % {"value": value}]
            return []
        if value not in result:
            result.append(value)
    return result


def choice(value: Any, allowed, *, field: str, errors: dict, default: str | None = None) -> str:
    if value in (None, "") and default is not None:
        return default
    if value not in allowed.values:
        errors[field] = [_("Choose one of the choices.")]
        return default or ""
    return value


def decimal(
    value: Any, *, field: str, errors: dict, required: bool = False, positive: bool = True
) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    try:
        number = Decimal(str(value).strip().replace(" ", ""))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Enter a number, e.g. 1200 or 1200.50.")]
        return None
    if not number.is_finite():
        errors[field] = [_("Enter a number, e.g. 1200 or 1200.50.")]
        return None
    if abs(number) >= Decimal("1e12"):
        errors[field] = [_("This number is too large.")]
        return None
    # Stored to the cent: 0.001 is stored as 0.00, which must be refused like 0.
    number = number.quantize(Decimal("0.01"))
    if positive and number <= 0:
        errors[field] = [_("Enter a number greater than zero.")]
        return None
    return number


def province(value: Any, *, field: str, errors: dict, required: bool = True) -> int | None:
    if value in (None, ""):
        if required:
            errors[field] = [_("Choose a province.")]
        return None
    province = province_by_code(value)
    if province is None:
        errors[field] = [_("Choose one of the 34 provinces.")]
        return None
    return province.code


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def day(value: Any, *, field: str, errors: dict) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if value in (None, ""):
        errors[field] = [_("This field is required.")]
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[field] = [_("Enter a date as YYYY-MM-DD.")]
        return None


def moment(value: Any, *, field: str, errors: dict, required: bool = True) -> dt.datetime | None:
    """A date and time; a naive one is read in the active time zone (Vietnam time by default)."""
    from django.utils import timezone

    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            errors[field] = [_("Enter a date and time as YYYY-MM-DD HH:MM.")]
            return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def integer(
    value: Any,
    *,
    field: str,
    errors: dict,
    required: bool = False,
    minimum: int = 0,
    maximum: int = 10**9,
) -> int | None:
    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors[field] = [_("Enter a whole number.")]
        return None
    if number < minimum or number > maximum:
        errors[field] = [
            _("Enter a number from %(low)d to %(high)d.") % {"low": minimum, "high": maximum}
        ]
        return None
    return number
