"""The trade portal's market pages: market data and charts, market reports, the distribution
map, and the Project 1797 programme dashboard. Thin: parse input, call a service or selector,
render.

Market pages and the programme dashboard are public (aggregates only). Filing a market report
needs a registry profile (rules.can_file_market_report); recording a distribution channel, a
distributor to manage; hiding a report and importing trade statistics, a platform admin (and,
for the import, a ministry official). What a viewer may not see is a 404, what they may see
but not do a 403.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.models import Person
from kieubao.community.selectors import viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.middleware import accepts_uploads
from kieubao.core.uploads import validate_upload

from . import markets, rules, services, trade_stats
from .models import (
    CertificateKind,
    Channel,
    ChannelStatus,
    Company,
    CompanyRole,
    CompanyStatus,
    DistributionChannel,
    MarketReport,
    Product,
    ProductStatus,
    ShelfType,
)

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- forms ---------------------------------------------------------------------------------------
class MarketReportForm(forms.Form):
    hs_code = forms.CharField(
        label=gettext_lazy("HS code (2, 4 or 6 digits)"),
        max_length=12,
        help_text=gettext_lazy("e.g. 09 for coffee, tea and spices, 0901 for coffee"),
    )
    product_label = forms.CharField(label=gettext_lazy("Goods observed"), max_length=200)
    price_min = forms.CharField(label=gettext_lazy("Lowest retail price"), required=False)
    price_max = forms.CharField(label=gettext_lazy("Highest retail price"), required=False)
    currency = forms.CharField(
        label=gettext_lazy("Currency"), max_length=3, required=False, help_text="EUR, USD, JPY…"
    )
    price_unit = forms.CharField(
        label=gettext_lazy("Price per"), max_length=40, required=False, help_text="250 g, 1 kg…"
    )
    certificates = forms.MultipleChoiceField(
        label=gettext_lazy("Certificates required"),
        choices=CertificateKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regulations = forms.CharField(
        label=gettext_lazy("Regulations"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    competitors = forms.CharField(
        label=gettext_lazy("Competing products"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    demand = forms.CharField(
        label=gettext_lazy("Demand notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    observed_on = forms.DateField(
        label=gettext_lazy("Observed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class HideReportForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


class ChannelForm(forms.Form):
    distributor = forms.ModelChoiceField(
        label=gettext_lazy("Distributor"), queryset=Company.objects.none()
    )
    product = forms.ModelChoiceField(label=gettext_lazy("Product"), queryset=Product.objects.none())
    market = forms.CharField(
        label=gettext_lazy("Market (country code)"), max_length=2, help_text="DE, FR, US…"
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=Channel.choices)
    shelf_type = forms.ChoiceField(label=gettext_lazy("Shelf type"), choices=ShelfType.choices)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[
            (ChannelStatus.ACTIVE, ChannelStatus.ACTIVE.label),
            (ChannelStatus.TRIAL, ChannelStatus.TRIAL.label),
        ],
    )
    city = forms.CharField(label=gettext_lazy("City"), max_length=120, required=False)
    outlets = forms.IntegerField(
        label=gettext_lazy("Number of outlets"), required=False, min_value=1
    )
    started_on = forms.DateField(
        label=gettext_lazy("Since"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, distributors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["distributor"].queryset = distributors
        self.fields["distributor"].label_from_instance = lambda c: c.name
        self.fields["product"].queryset = (
            Product.objects.select_related("company__organisation")
            .filter(status=ProductStatus.PUBLISHED, company__status=CompanyStatus.ACTIVE)
            .order_by("name_vi", "pk")
        )
        self.fields["product"].label_from_instance = lambda p: (
            f"{p.name()} — {p.company.name} ({p.hs_code})"
        )


class TradeStatsUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX)"))
    dry_run = forms.BooleanField(label=gettext_lazy("Check only, write nothing"), required=False)


# --- market pages --------------------------------------------------------------------------------
@require_GET
def markets_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trade/markets/list.html",
        {
            "section": "markets",
            "markets": markets.markets_list(),
            "demo_statistics": markets.demo_statistics(),
            "can_import": rules.can_import_trade_stats(viewer_for_request(request)),
        },
    )


@require_GET
def market_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not code.isupper() and markets.is_market(code):
        return redirect("trade:market", code=code.upper())
    viewer = viewer_for_request(request)
    page = markets.market_page(viewer, code, chapter=request.GET.get("chapter", ""))
    if page is None:
        raise Http404
    return render(
        request,
        "trade/markets/detail.html",
        {
            "section": "markets",
            "page": page,
            "can_report": rules.can_file_market_report(viewer),
            "can_moderate": rules.can_moderate(viewer),
            "managed": viewer.admin_of,
            "demo_statistics": markets.demo_statistics(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def market_report_create(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    if not markets.is_market(code):
        raise Http404
    viewer = viewer_for_request(request)
    if not rules.can_file_market_report(viewer):
        raise PermissionDenied
    form = MarketReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        author = Person.objects.get(pk=viewer.person_id)
        try:
            services.market_report_create(author=author, market=code, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: your market report is published."))
            return redirect("trade:market", code=code)
    return render(
        request,
        "trade/markets/report_form.html",
        {"section": "markets", "form": form, "code": code, "name": markets.country_name(code)},
    )


@login_required
@require_POST
def market_report_hide(request: HttpRequest, report_id: int) -> HttpResponse:
    report = MarketReport.objects.filter(pk=report_id).first()
    if report is None:
        raise Http404
    if not rules.can_moderate(viewer_for_request(request)):
        raise PermissionDenied
    form = HideReportForm(request.POST)
    if form.is_valid():
        try:
            services.market_report_hide(report, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is hidden."))
    else:
        messages.error(request, _("Give the reason for hiding it."))
    return redirect("trade:market", code=str(report.market))


# --- distribution channels -----------------------------------------------------------------------
def _distributors_for(viewer) -> object:
    qs = Company.objects.select_related("organisation").filter(role=CompanyRole.DISTRIBUTOR)
    if not viewer.is_admin:
        qs = qs.filter(pk__in=viewer.admin_of)
    return qs.order_by("name_folded")


@login_required
@require_http_methods(["GET", "POST"])
def channel_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    distributors = _distributors_for(viewer)
    if not distributors.exists():
        raise PermissionDenied
    initial = {"started_on": timezone.localdate()}
    product_id = request.GET.get("product", "")
    if product_id.isdigit():
        initial["product"] = int(product_id)
    first = distributors.first()
    if first is not None and first.markets:
        initial["market"] = first.markets[0]
    form = ChannelForm(request.POST or None, distributors=distributors, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        distributor, product = values.pop("distributor"), values.pop("product")
        values["market"] = values["market"].upper()
        try:
            channel = services.channel_add(distributor=distributor, product=product, **values)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The distribution channel is recorded."))
            return redirect("trade:market", code=str(channel.market))
    return render(request, "trade/markets/channel_form.html", {"section": "markets", "form": form})


@login_required
@require_POST
def channel_end(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = (
        DistributionChannel.objects.select_related("distributor").filter(pk=channel_id).first()
    )
    if channel is None:
        raise Http404
    if not rules.can_manage_company(viewer_for_request(request), channel.distributor):
        raise PermissionDenied
    ended = request.POST.get("ended_on") or timezone.localdate()
    try:
        services.channel_end(channel, ended_on=ended)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The channel is marked as ended."))
    return redirect("trade:market", code=str(channel.market))


# --- trade statistics ----------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
@accepts_uploads
def trade_stats_import(request: HttpRequest) -> HttpResponse:
    if not rules.can_import_trade_stats(viewer_for_request(request)):
        raise PermissionDenied
    form = TradeStatsUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            kind = validate_upload(upload, allowed={"csv", "xlsx"})
        except ValidationError as error:
            form.add_error("file", error)
        else:
            with tempfile.TemporaryDirectory(prefix="kieubao-trade-") as directory:
                stored = Path(directory) / f"upload.{kind}"
                with open(stored, "wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                report = trade_stats.import_file(
                    stored,
                    dry_run=form.cleaned_data["dry_run"],
                    actor_id=request.user.pk,
                    original_name=Path(upload.name or "").name[:200],
                )
    return render(
        request,
        "trade/markets/import.html",
        {"section": "markets", "form": form, "report": report},
    )


# --- the programme dashboard ---------------------------------------------------------------------
@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    figures = markets.programme_figures()
    return render(
        request,
        "trade/programme.html",
        {"section": "programme", "figures": figures},
    )


@require_GET
def programme_export(request: HttpRequest) -> HttpResponse:
    content = markets.programme_xlsx(markets.programme_figures())
    response = HttpResponse(content, content_type=_XLSX)
    name = f"programme-1797-{date.today().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("trade/markets/", markets_page, name="markets"),
    path("trade/markets/import/", trade_stats_import, name="trade-stats-import"),
    path("trade/markets/<str:code>/", market_detail, name="market"),
    path(
        "trade/markets/<str:code>/reports/new/", market_report_create, name="market-report-create"
    ),
    path(
        "trade/market-reports/<int:report_id>/hide/", market_report_hide, name="market-report-hide"
    ),
    path("trade/channels/new/", channel_create, name="channel-create"),
    path("trade/channels/<int:channel_id>/end/", channel_end, name="channel-end"),
    path("trade/programme/", programme, name="programme"),
    path("trade/programme/figures.xlsx", programme_export, name="programme-export"),
]
