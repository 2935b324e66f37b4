from __future__ import annotations

from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django.utils.translation import gettext_lazy as _


class KieubaoAddWebAuthnForm(AddWebAuthnForm):
    """allauth's form leaves the key's name without a translatable label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of this key")
