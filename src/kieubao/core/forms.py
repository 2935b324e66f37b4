"""What every app's web forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form: forms.Form, error: ValidationError, aliases: dict | None = None) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it (a
    service field may be called otherwise on the form: ``aliases``), above the form otherwise."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            name = aliases.get(name, name)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
