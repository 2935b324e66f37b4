"""The public ledger of a campaign as an XLSX workbook: a summary sheet (target, contributed,
allocated, held, pledged), the contributions (anonymised as on the page for anyone but the
managers) and the allocations. Every text cell goes through core.csvsafe (no formulas)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kieubao.community.rules import Viewer
from kieubao.core.csvsafe import safe_cell

from . import selectors
from .models import Campaign


def _cell(value):
    return value if isinstance(value, (int, float)) else safe_cell(value)


def ledger_xlsx(viewer: Viewer, campaign: Campaign) -> bytes:
    ledger = selectors.ledger(campaign)
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    for label, value in (
        (_("Campaign"), campaign.name()),
        (_("Run by"), campaign.owner.display_name()),
        (_("Target (VND)"), ledger.target),
        (_("Contributed (VND)"), ledger.contributed),
        (_("Allocated (VND)"), ledger.allocated),
        (_("Held (VND)"), ledger.held),
        (_("Pledged (VND)"), ledger.pledged),
    ):
        summary.append([safe_cell(label), _cell(value)])
    sheet = book.create_sheet(_("Contributions")[:31])
    headings = (
        _("Date"),
        _("Contributor"),
        _("Amount"),
        _("Currency"),
        _("VND per unit"),
        _("Amount (VND)"),
        _("Reference"),
    )
    sheet.append([safe_cell(h) for h in headings])
    for line in selectors.contributions(viewer, campaign):
        sheet.append(
            [
                line.received_on.isoformat(),
                safe_cell(line.shown_name),
                float(line.amount),
                line.currency,
                float(line.vnd_per_unit),
                line.amount_vnd,
                safe_cell(line.reference if line.shown_name == line.contributor_name() else ""),
            ]
        )
    sheet = book.create_sheet(_("Allocations")[:31])
    sheet.append([safe_cell(h) for h in (_("Date"), _("Recipient"), _("Purpose"),
                  _("Amount (VND)"), _("Evidence"))])  # fmt: skip
    for allocation in selectors.allocations(campaign):
        sheet.append(
            [
                allocation.allocated_on.isoformat(),
                safe_cell(allocation.recipient_label()),
                safe_cell(allocation.purpose),
                allocation.amount_vnd,
                safe_cell(f"evidence-{allocation.pk}.{allocation.evidence_kind}"),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
