"""Admin reports for clinical review: "Clinical reviews" (every live clinical page by next
review due, with filters and CSV/XLSX export) and "Live pages without a sign-off" (pages layer 2
already hides from the public, so that staff notice and act)."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from signing.content import base_content_type, is_clinical
from signing.signoffs import is_signed

from .currency import ReviewStatus, status_for, status_q
from .models import ClinicalSignoff


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


class UnsignedLivePagesReportView(PageReportView):
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
    """Live clinical pages annotated from their latest sign-off, soonest due first."""
    latest = ClinicalSignoff.objects.filter(
        base_content_type=base_content_type(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-signed_at", "-pk")
    return (
        Page.objects.live()
        .filter(content_type__in=clinical_page_types())
        .annotate(
            next_review_due=Subquery(latest.values("next_review_due")[:1]),
            last_reviewed=Subquery(latest.values("last_full_review_at")[:1]),
            reviewer_name=Subquery(latest.values("reviewer_name")[:1]),
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


class ClinicalReviewsReportView(PageReportView):
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
    ]
    export_headings = {
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
        return object_list

    def to_row_dict(self, item):
        if not hasattr(item, "review_status"):
            self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)
