"""Dashboards of a province's (or the whole country's) overseas community, their exports, and
the web flow of survey imports: upload → preview and column mapping → check → import."""

from __future__ import annotations

import csv
import io
import logging
import secrets
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kieubao.community.models import Qualification, ResidencyStatus
from kieubao.community.selectors import viewer_for_request
from kieubao.core.csvsafe import safe_cell
from kieubao.core.middleware import accepts_uploads
from kieubao.core.provinces import all_provinces, province_by_code
from kieubao.core.uploads import validate_upload
from kieubao.events.models import OutcomeKind
from kieubao.events.selectors import province_outcomes

from . import columns, selectors, services
from .forms import UploadForm
from .models import ImportStatus, ProjectStatus, SurveyImport
from .reading import ImportFileError, read_table

logger = logging.getLogger(__name__)

# -- dashboards ----------------------------------------------------------------------------------


def _area_or_404(code: str) -> selectors.Area:
    area = selectors.area_for(code)
    if area is None:
        raise Http404
    return area


@require_GET
def dashboard(request: HttpRequest, code: str = "national") -> HttpResponse:
    chosen = selectors.area_for(request.GET["p"]) if request.GET.get("p") else None
    if chosen:
        return redirect("insights:dashboard", code=chosen.api_code)
    area = _area_or_404(code)
    viewer = viewer_for_request(request)
    exact = selectors.can_see_exact(viewer, area)
    summary = selectors.province_summary(area, exact=exact)
    chart = {
        "countries": [
            {"label": c["name"], "value": c["count"]}
            for c in summary["people"]["by_country"][:15]
            if isinstance(c["count"], int)
        ],
        "remittances": [
            {"label": str(r["year"]), "value": r["usd"]} for r in summary["remittances"]
        ],
    }
    return render(
        request,
        "insights/dashboard.html",
        {
            "summary": summary,
            "area": area,
            "chart": chart,
            "provinces": all_provinces(),
            "can_import": _import_province(viewer) is not None or viewer.is_admin,
            "residency_labels": ResidencyStatus.choices,
            "qualification_labels": Qualification.choices,
            "status_labels": [c for c in ProjectStatus.choices if c[0]],
            "events": province_outcomes(area.code) if area.code else None,
            "outcome_labels": OutcomeKind.choices,
        },
    )


def figures_rows(summary: dict) -> list[tuple[str, str, object]]:
    """The summary flattened to (section, item, value) rows for CSV and XLSX exports."""
    people, ent, inv = summary["people"], summary["enterprises"], summary["investments"]
    rows: list[tuple[str, str, object]] = [
        (_("Area"), summary["province"]["name"], summary["province"]["code"]),
        (_("People"), _("Total"), people["total"]),
        (_("People"), _("Countries and territories"), people["countries"]),
    ]
    rows += [(_("Residency status"), k, v) for k, v in people["by_residency"].items()]
    rows += [(_("Qualification"), k, v) for k, v in people["by_qualification"].items()]
    rows += [(_("Country of residence"), c["name"], c["count"]) for c in people["by_country"]]
    rows += [(_("Field of expertise"), f["name"], f["count"]) for f in people["by_field"]]
    rows += [
        (_("Enterprises"), _("Total"), ent["total"]),
        (_("Enterprises"), _("Abroad"), ent["abroad"]),
        (_("Enterprises"), _("In Vietnam"), ent["home"]),
    ]
    rows += [(_("Enterprises by country"), c["name"], c["count"]) for c in ent["by_country"]]
    rows += [
        (_("Investment projects"), _("Total"), inv["total"]),
        (_("Investment projects"), _("Capital (USD)"), inv["capital_usd"]),
    ]
    rows += [(_("Investment projects by status"), k, v) for k, v in inv["by_status"].items()]
    rows += [(_("Remittances (USD)"), str(r["year"]), r["usd"]) for r in summary["remittances"]]
    for p in summary["remittance_periods"]:
        period = f"{p['from_year']}–{p['to_year']}"
        rows.append((_("Remittances per period (USD)"), period, p["usd"]))
        if p["growth_pct"] is not None:
            rows.append((_("Growth on the previous period (%)"), period, p["growth_pct"]))
    return rows


@require_GET
def dashboard_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    area = _area_or_404(code)
    exact = selectors.can_see_exact(viewer_for_request(request), area)
    summary = selectors.province_summary(area, exact=exact)
    rows = figures_rows(summary)
    header = (_("Section"), _("Item"), _("Value"))
    stamp = timezone.now().strftime("%Y%m%d")
    name = f"kieubao-insights-{area.api_code}-{stamp}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # so that Excel opens Vietnamese text as UTF-8
        writer = csv.writer(out)
        for row in (header, *rows):
            writer.writerow([safe_cell(c) if isinstance(c, str) else c for c in row])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(str(area.name())[:31])
        for row in (header, *rows):
            sheet.append([safe_cell(c) if isinstance(c, str) else c for c in row])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=_XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- imports -------------------------------------------------------------------------------------


def _import_province(viewer) -> int | None:
    """The province an official imports for (their own body's province)."""
    scope = viewer.scope
    return scope.province_code if scope is not None else None


def _may_import(request: HttpRequest, province_code: int | None = None) -> bool:
    viewer = viewer_for_request(request)
    if viewer.is_admin:
        return True
    own = _import_province(viewer)
    return own is not None and (province_code is None or own == province_code)


def _import_or_404(request: HttpRequest, import_id: int) -> SurveyImport:
    survey = get_object_or_404(SurveyImport, pk=import_id)
    if not _may_import(request, survey.province_code):
        raise Http404
    return survey


@login_required
@require_http_methods(["GET", "POST"])
@accepts_uploads
def imports(request: HttpRequest) -> HttpResponse:
    if not _may_import(request):
        raise PermissionDenied
    viewer = viewer_for_request(request)
    own = _import_province(viewer)
    form = UploadForm(
        request.POST or None, request.FILES or None, choose_province=viewer.is_admin and not own
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        province = own or form.cleaned_data["province"]
        try:
            kind = validate_upload(upload, allowed={"csv", "xlsx"})
        except ValidationError as error:
            form.add_error("file", error)
        else:
            name = f"{secrets.token_urlsafe(18)}.{kind}"
            directory = Path(settings.IMPORT_DIR)
            directory.mkdir(parents=True, exist_ok=True, mode=0o750)
            with open(directory / name, "xb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            sheet = form.cleaned_data["sheet"].strip()
            try:
                table = read_table(directory / name, sheet=sheet or None)
            except ImportFileError as error:
                (directory / name).unlink(missing_ok=True)
                form.add_error("file", str(error))
            else:
                survey = SurveyImport.objects.create(
                    kind=form.cleaned_data["kind"],
                    province_code=province,
                    uploaded_by=request.user,
                    file_name=name,
                    original_name=Path(upload.name or "").name[:200],
                    sheet=sheet,
                    preview=_preview_of(table),
                )
                return redirect("insights:import", import_id=survey.pk)
    recent = SurveyImport.objects.all()
    if not viewer.is_admin:
        recent = recent.filter(province_code=own)
    return render(
        request,
        "insights/imports.html",
        {"form": form, "recent": recent[:20], "province": province_by_code(own) if own else None},
    )


def _preview_of(table) -> dict:
    return {
        "headers": table.headers,
        "samples": table.rows[:3],
        "rows": len(table.rows),
        "encoding": table.encoding,
        "legacy": table.legacy,
    }


def _table_preview(survey: SurveyImport):
    """The columns as recognised with the current mapping, from the preview read at upload
    (a large workbook is not read again for every page view)."""
    preview = survey.preview
    if not preview.get("headers"):
        path = Path(settings.IMPORT_DIR) / survey.file_name
        preview = _preview_of(read_table(path, sheet=survey.sheet or None))
    match = columns.match_headers(survey.kind, preview["headers"], survey.column_map)
    headers = []
    for index, header in enumerate(preview["headers"]):
        field = "-counter" if index == match.counter else match.columns.get(index, "")
        samples = [row[index] for row in preview["samples"] if index < len(row)]
        headers.append({"index": index, "header": header, "field": field, "samples": samples})
    return preview, match, headers


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    survey = _import_or_404(request, import_id)
    if request.method == "POST" and survey.status == ImportStatus.PREVIEW:
        action = request.POST.get("action")
        if action == "cancel":
            survey.status = ImportStatus.CANCELLED
            survey.finished_at = timezone.now()
            survey.save(update_fields=["status", "finished_at"])
            (Path(settings.IMPORT_DIR) / survey.file_name).unlink(missing_ok=True)
            return redirect("insights:imports")
        if action in ("check", "confirm"):
            column_map = {}
            for key, value in request.POST.items():
                if key.startswith("col-"):
                    column_map[request.POST.get(f"hdr-{key[4:]}", "")] = value
            survey.column_map = {k: v for k, v in column_map.items() if k}
            survey.value_map = [
                line.strip()
                for line in request.POST.get("value_map", "").splitlines()
                if line.strip()
            ][:200]
            survey.save(update_fields=["column_map", "value_map"])
            if action == "check":
                report = _run(survey, request.user.pk, dry_run=True)
                survey.report = report.as_dict()
                survey.save(update_fields=["report"])
            else:
                survey.status = ImportStatus.RUNNING
                survey.save(update_fields=["status"])
                _start(survey, request.user.pk)
            return redirect("insights:import", import_id=survey.pk)
    try:
        table, match, headers = _table_preview(survey)
    except ImportFileError as error:
        table, match, headers = None, None, []
        messages_error = str(error)
    else:
        messages_error = None
    report = services.ImportReport.from_dict(survey.report) if survey.report else None
    return render(
        request,
        "insights/import_detail.html",
        {
            "survey": survey,
            "table": table,
            "match": match,
            "headers": headers,
            "fields": _field_choices(survey.kind),
            "report": report,
            "error": messages_error,
            "province": province_by_code(survey.province_code),
            "progress": cache.get(_progress_key(survey.pk)),
            "value_map_text": "\n".join(survey.value_map),
        },
    )


@login_required
@require_GET
def import_progress(request: HttpRequest, import_id: int) -> HttpResponse:
    survey = _import_or_404(request, import_id)
    if survey.status != ImportStatus.RUNNING and request.htmx:
        # Done: reload the whole page (htmx follows HX-Redirect).
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("insights:import", args=[survey.pk])
        return response
    return render(
        request,
        "insights/_progress.html",
        {"survey": survey, "progress": cache.get(_progress_key(survey.pk))},
    )


def _field_choices(kind: str) -> list[tuple[str, str]]:
    return [(f, columns.field_label(kind, f)) for f in columns.FIELDS[kind]]


def _progress_key(import_id: int) -> str:
    return f"insights:import:{import_id}:progress"


def _run(survey: SurveyImport, actor_id: int | None, *, dry_run: bool, progress=None):
    return services.import_file(
        survey.kind,
        Path(settings.IMPORT_DIR) / survey.file_name,
        province_code=survey.province_code,
        column_map=survey.column_map,
        value_map=survey.value_map,
        sheet=survey.sheet or None,
        dry_run=dry_run,
        actor_id=actor_id,
        original_name=survey.original_name,
        progress=progress,
    )


def _start(survey: SurveyImport, actor_id: int | None) -> None:
    """Run the import: in a background thread (the page shows its progress), or at once
    where threads are not wanted (tests, IMPORTS_IN_BACKGROUND=0)."""

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(_progress_key(survey.pk), {"phase": phase, "done": done, "total": total}, 3600)

    def work() -> None:
        try:
            report = _run(survey, actor_id, dry_run=False, progress=progress)
            survey.report = report.as_dict()
            survey.status = ImportStatus.DONE if report.ok else ImportStatus.FAILED
        except Exception:  # the transaction rolled back: say so in the report
            logger.exception("Import %s failed", survey.pk)
            failed = services.ImportReport(
                kind=survey.kind, province_code=survey.province_code, file=survey.original_name
            )
            failed.problem(None, "", "", _("The import failed while writing; nothing was written."))
            survey.status = ImportStatus.FAILED
            survey.report = failed.as_dict()
            if not settings.IMPORTS_IN_BACKGROUND:
                raise
        finally:
            survey.finished_at = timezone.now()
            survey.save(update_fields=["report", "status", "finished_at"])
            cache.delete(_progress_key(survey.pk))
            if settings.IMPORTS_IN_BACKGROUND:
                connection.close()

    if settings.IMPORTS_IN_BACKGROUND:
        close_old_connections()
        threading.Thread(target=work, name=f"import-{survey.pk}", daemon=True).start()
    else:
        work()


# -- text report (command line) ------------------------------------------------------------------


def report_lines(report: services.ImportReport) -> list[str]:
    province = province_by_code(report.province_code)
    lines = [
        _("File: %(file)s (%(encoding)s%(legacy)s)")
        % {
            "file": report.file,
            "encoding": report.encoding or "?",
            "legacy": f", {report.legacy} → Unicode" if report.legacy else "",
        },
        _("Province: %(province)s · kind: %(kind)s · rows: %(rows)s")
        % {
            "province": province.name() if province else "?",
            "kind": report.kind,
            "rows": report.rows,
        },
    ]
    for header, field in report.columns.items():
        lines.append(f"  {header} → {field}")
    if report.ignored:
        lines.append(
            _("Columns not imported: %(columns)s") % {"columns": ", ".join(report.ignored)}
        )
    for column, values in report.counted_as_other.items():
        lines.append(
            _("Counted as “other” in %(column)s: %(values)s")
            % {"column": column, "values": ", ".join(values)}
        )
    if report.ok:
        verb = _("Would create") if report.dry_run else _("Created")
        lines.append(
            _("%(verb)s %(created)s, updated %(updated)s, unchanged %(unchanged)s (%(seconds)s s).")
            % {
                "verb": verb,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "seconds": report.seconds,
            }
        )
    else:
        lines.append(
            _("%(count)s problems; nothing was written:") % {"count": report.problem_count}
        )
        for p in report.problems:
            where = _("row %(row)s") % {"row": p.row} if p.row else _("file")
            column = f" [{p.column}]" if p.column else ""
            value = f" “{p.value}”" if p.value else ""
            hint = (
                " — " + _("did you mean: %(s)s?") % {"s": ", ".join(p.suggestions)}
                if p.suggestions
                else ""
            )
            lines.append(f"  {where}{column}{value}: {p.reason}{hint}")
    return lines
