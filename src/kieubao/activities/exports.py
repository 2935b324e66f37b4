"""The yearly review as a workbook: one sheet per table, headers in the reader's language, text
through core.csvsafe (a cell never runs as a formula), numbers as numbers."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from kieubao.core.csvsafe import safe_cell

from .selectors import Line, YearReview


def review_tables(review: YearReview) -> list[tuple[str, list[str], list[list]]]:
    def lines(title: str, first: str, rows: list[Line]):
        headers = [first, _("Reports"), _("Activities"), _("Participants")]
        return title, headers, [[r.label, r.reports, r.activities, r.participants] for r in rows]

    totals = (
        _("Totals"),
        [_("Figure"), _("Value")],
        [
            [_("Year"), review.year],
            [_("Reports"), review.reports],
            [_("Activities"), review.activities],
            [_("Participants"), review.participants],
            [_("Of whom overseas Vietnamese"), review.participants_overseas],
            [_("Of whom local people"), review.participants_local],
            [_("Countries"), review.countries],
            [_("Reporting organisations"), review.organisations],
        ],
    )
    highlights = (
        _("Breakthrough initiatives"),
        [_("Date"), _("Title"), _("Organisation"), _("Country"), _("Participants"), _("Why")],
        [
            [
                r.date.isoformat(),
                r.title,
                r.reporter.display_name(),
                str(r.country.name),
                r.participants,
                r.breakthrough_note,
            ]
            for r in review.highlights
        ],
    )
    return [
        totals,
        lines(_("By country"), _("Country"), review.by_country),
        lines(_("By theme"), _("Theme"), review.by_theme),
        lines(_("By kind"), _("Kind"), review.by_kind),
        lines(_("By month"), _("Month"), review.by_month),
        lines(_("Top organisations"), _("Organisation"), review.top_organisations),
        highlights,
    ]


def review_xlsx(review: YearReview) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, headers, rows in review_tables(review):
        sheet = book.create_sheet(safe_cell(str(title))[:31])
        sheet.append([safe_cell(str(h)) for h in headers])
        for row in rows:
            sheet.append([safe_cell(c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
