"""Admin reports for clinical review: "Clinical reviews" (every live clinical page by next
review due, with filters and CSV/XLSX export), "Live pages without a sign-off" (pages layer 2
already hides from the public, so that staff notice and act) and "Sign-off records" (every
sign-off with its place in the chain, exported as CSV, XLSX or JSON Lines)."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import PageReportView, ReportView
from wagtail.admin.widgets import Button
from wagtail.models import Page

from signing.content import DIGEST_FIELD, base_content_type, is_clinical
from signing.signoffs import is_signed

from . import records
from .currency import ReviewStatus, status_for, status_q
from .eligibility import reviewer_name
from .models import ClinicalSignoff
from .translations import TranslationStatus, live_translation_status


def failing_live_pages() -> list[Page]:
    """Live pages of clinical types whose current content digest carries no sign-off.

    Recomputes each digest from the content actually stored (so a stale recorded digest or a
    raw SQL update is caught); it is an admin report, not a public listing.
    """
    failing = []
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        if is_clinical(page) and not is_signed(page):
            failing.append(page)
    return failing


class RefusingUnreadableFilters:
    """A download whose filter cannot be read (a date of 30 February) is refused, back on the
    report with the reason: Wagtail leaves an invalid filter out, and the download held every
    row, not the rows asked for."""

    def get(self, request, *args, **kwargs):
        filters = self.filters
        if not self.is_export or filters is None or filters.is_valid():
            return super().get(request, *args, **kwargs)
        form = filters.form
        problems = "; ".join(
            f"{form.fields[name].label if name in form.fields else 'Filters'}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        messages.error(request, f"Nothing was downloaded. {problems}")
        query = request.GET.copy()
        query.pop("export", None)
        return redirect(f"{request.path}?{query.urlencode()}")


class SpreadsheetCells:
    """A spreadsheet cell cannot hold a control character (a title or a comment may): the
    Excel download writes each as its escape ("\\x0b"). CSV keeps the text as it is."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format != self.FORMAT_XLSX or not isinstance(value, str):
            return value
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub(lambda char: f"\\x{ord(char.group()):02x}", value)


class UnsignedLivePagesReportView(RefusingUnreadableFilters, SpreadsheetCells, PageReportView):
    page_title = "Live pages without a sign-off"
    header_icon = "warning"
    index_url_name = "clinical_review:unsigned_live"
    index_results_url_name = "clinical_review:unsigned_live_results"
    results_template_name = "review/unsigned_live_results.html"
    list_export = [*PageReportView.list_export, "last_published_at"]

    def get_filename(self):
        return f"live-pages-without-signoff-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        ids = [page.pk for page in failing_live_pages()]
        self.queryset = Page.objects.filter(pk__in=ids).specific(defer=True)
        return super().get_queryset()


# "Clinical reviews": every live clinical page by next review due -------------------------------


def clinical_page_types() -> list[ContentType]:
    from django.apps import apps

    return [
        ContentType.objects.get_for_model(model)
        for model in apps.get_models()
        if issubclass(model, Page) and is_clinical(model)
    ]


def pages_by_next_review():
    """Live clinical pages annotated from the sign-off of their live content (what patients
    read: after a revert, not the latest sign-off), soonest due first."""
    types = clinical_page_types()
    of_the_page = ClinicalSignoff.objects.filter(
        base_content_type=base_content_type(Page), object_id=Cast(OuterRef("pk"), CharField())
    )
    # The live row's recorded digest, in whichever page type's table holds it.
    live_digest = Coalesce(
        *[F(f"{page_type.model}__{DIGEST_FIELD}") for page_type in types], Value("")
    )
    latest = of_the_page.filter(digest=OuterRef("live_digest")).order_by("-signed_at", "-pk")
    # The reviewer of the last full review (a minor edit's reviewer did not do it), as last
    # corrected: ClinicalSignoff.full_review, in SQL.
    full_review = of_the_page.filter(signed_at=OuterRef("last_reviewed")).order_by("-pk")
    return (
        Page.objects.live()
        .filter(content_type__in=types)
        .annotate(live_digest=live_digest)
        .annotate(
            next_review_due=Subquery(latest.values("next_review_due")[:1]),
            last_reviewed=Subquery(latest.values("last_full_review_at")[:1]),
        )
        .annotate(
            reviewer_name=Coalesce(
                Subquery(full_review.values("reviewer_name")[:1]),
                Subquery(latest.values("reviewer_name")[:1]),
            )
        )
        .order_by("next_review_due", "title")
    )


class ClinicalReviewsFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Review status", choices=ReviewStatus.choices, method="filter_status"
    )
    content_type = django_filters.ModelChoiceFilter(
        label="Page type",
        queryset=lambda request: ContentType.objects.filter(
            pk__in=[content_type.pk for content_type in clinical_page_types()]
        ),
    )
    reviewer = django_filters.ChoiceFilter(
        label="Reviewer",
        method="filter_reviewer",
        choices=lambda: [
            (name, name)
            for name in ClinicalSignoff.objects.order_by("reviewer_name")
            .values_list("reviewer_name", flat=True)
            .distinct()
        ],
    )

    class Meta:
        model = Page
        fields = ["status", "content_type", "reviewer"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value))

    def filter_reviewer(self, queryset, name, value):
        return queryset.filter(reviewer_name=value)


class ClinicalReviewsReportView(RefusingUnreadableFilters, SpreadsheetCells, PageReportView):
    page_title = "Clinical reviews"
    header_icon = "tasks"
    index_url_name = "clinical_review:reviews_report"
    index_results_url_name = "clinical_review:reviews_report_results"
    results_template_name = "review/clinical_reviews_results.html"
    filterset_class = ClinicalReviewsFilterSet
    any_permission_required = ["change", "publish"]
    list_export = [
        "title",
        "content_type.model_class._meta.verbose_name.title",
        "review_status",
        "next_review_due",
        "last_reviewed",
        "reviewer_name",
        "translation_status",
    ]
    export_headings = {
        "translation_status": "Translation",
        "content_type.model_class._meta.verbose_name.title": "Type",
        "review_status": "Review status",
        "next_review_due": "Next review due",
        "last_reviewed": "Last full review",
        "reviewer_name": "Reviewer",
    }

    def get_filename(self):
        return f"clinical-reviews-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = pages_by_next_review()
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.review_status = (
                status_for(page.next_review_due).label
                if page.next_review_due
                else "Never signed off"
            )
            status = live_translation_status(page.specific)
            page.translation_status = TranslationStatus(status).label if status else ""
        return object_list

    def to_row_dict(self, item):
        if not hasattr(item, "review_status"):
            self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


# "Sign-off records": the register of every sign-off, with its chain, and its exports -----------


def _signed_page_ids() -> models.QuerySet:
    return (
        ClinicalSignoff.objects.filter(base_content_type=base_content_type(Page))
        .values_list("object_id", flat=True)
        .distinct()
    )


class ReviewerChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return reviewer_name(obj)


class ReviewerFilter(django_filters.ModelChoiceFilter):
    field_class = ReviewerChoiceField


class SignoffRecordsFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label="Page",
        empty_label="Any page",
        method="filter_page",
        queryset=lambda request: Page.objects.filter(
            pk__in=[int(pk) for pk in _signed_page_ids() if pk.isdigit()]
        ).order_by("title"),
    )
    reviewer = ReviewerFilter(
        label="Reviewer",
        empty_label="Any reviewer",
        field_name="reviewer",
        queryset=lambda request: (
            get_user_model()
            .objects.filter(pk__in=ClinicalSignoff.objects.values("reviewer"))
            .select_related("clinician_profile")
            .order_by(get_user_model().USERNAME_FIELD)
        ),
    )
    signed_at = django_filters.DateFromToRangeFilter(
        label="Signed between", widget=DateRangePickerWidget
    )

    class Meta:
        model = ClinicalSignoff
        fields = ["page", "reviewer", "signed_at"]

    def filter_page(self, queryset, name, value):
        return queryset.filter(base_content_type=base_content_type(Page), object_id=str(value.pk))


class HashColumn(Column):
    """A hash, shortened on screen (the exports carry it whole)."""

    cell_template_name = "review/includes/hash_cell.html"


class SignoffRecordsReportView(RefusingUnreadableFilters, SpreadsheetCells, ReportView):
    """Every sign-off record with its place in the chain; CSV and JSON Lines exports carry the
    whole records and verify with ``manage.py verify_signoffs --file`` (``review.records``);
    the XLSX is for reading. Only users who may view sign-off records open it."""

    model = ClinicalSignoff
    permission_required = "view"
    page_title = "Sign-off records"
    header_icon = "list-ol"
    index_url_name = "clinical_review:signoff_records"
    index_results_url_name = "clinical_review:signoff_records_results"
    filterset_class = SignoffRecordsFilterSet
    FORMAT_JSONL = "jsonl"
    FORMATS = (*ReportView.FORMATS, FORMAT_JSONL)
    list_export = [name for name in records.EXPORT_FIELDS if name != "content"]
    columns = [
        Column("sequence", label="No."),
        Column(
            "signed_at",
            label="Signed",
            accessor=lambda record: date_format(localtime(record.signed_at), "j M Y H:i"),
        ),
        Column("object_title", label="Content"),
        Column("reviewer_name", label="Reviewer"),
        Column("get_review_kind_display", label="Review"),
        Column("supersedes_sequence", label="Corrects No."),
        HashColumn("digest", label="Content digest"),
        HashColumn("previous_hash", label="Previous hash"),
        HashColumn("record_hash", label="Record hash"),
    ]

    def get_filename(self):
        return f"signoff-records-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        if self.is_export:
            return records.signoff_records()
        return (
            ClinicalSignoff.objects.defer("content")
            .annotate(supersedes_sequence=models.F("supersedes__sequence"))
            .order_by("-sequence")
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format == self.FORMAT_XLSX:
            return self.write_xlsx_response(queryset)
        # CSV and JSON Lines as ``manage.py export_signoffs`` writes them, content included.
        rows = records.export_rows(queryset)
        if spreadsheet_format == self.FORMAT_JSONL:
            lines, content_type = records.jsonl_lines(rows), "application/jsonl; charset=utf-8"
        else:
            lines, content_type = records.csv_lines(rows), "text/csv; charset=utf-8"
        response = StreamingHttpResponse(lines, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.{spreadsheet_format}"'
        )
        return response

    def write_xlsx(self, queryset, output):
        # The rows of ``review.records`` (the chained values as verified), without the content;
        # the headings are their field names, as in the CSV.
        super().write_xlsx(records.export_rows(queryset, content=False), output)

    def to_row_dict(self, item):
        return {name: item[name] for name in self.list_export}

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                "Download JSON Lines",
                url=self.get_export_url(self.FORMAT_JSONL),
                icon_name="download",
                priority=110,
            ),
        ]
