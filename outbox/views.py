"""The admin's outbox screens: webhooks (Settings → Webhooks) and the deliveries report
(Reports → Webhook and purge deliveries), with a "retry" for failed or waiting deliveries."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from standardwebhooks import Webhook as Signer
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Delivery, DeliveryStatus, EventKind, Webhook
from .tasks import retry

deliveries_policy = ModelPermissionPolicy(Delivery)


class WebhookForm(WagtailAdminModelForm):
    url = forms.URLField(
        max_length=500,
        assume_scheme="https",
        help_text="Where the events are posted, e.g. a frontend's rebuild hook.",
    )
    events = forms.MultipleChoiceField(
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The kinds of change posted to this address.",
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "secret", "active"]

    def clean_secret(self) -> str:
        """A secret the signer can use: ``whsec_`` and base64 (a new webhook gets one)."""
        secret = self.cleaned_data["secret"]
        try:
            Signer(secret)
        except Exception:  # binascii.Error, ValueError, EmptyWebhookSecretError
            raise forms.ValidationError(
                'Not a Standard Webhooks secret: "whsec_" followed by base64, as the one a new '
                "webhook is given."
            ) from None
        return secret


class WebhookViewSet(ModelViewSet):
    model = Webhook
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    list_display = ["name", "url", "active"]
    form_fields = ["name", "url", "events", "secret", "active"]

    def get_form_class(self, for_update=False):
        return WebhookForm


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)
    failing = django_filters.BooleanFilter(label="With a failed attempt", method="filter_failing")

    class Meta:
        model = Delivery
        fields = ["status"]

    def filter_failing(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(last_error="") if value else queryset.filter(last_error="")


class RetryColumn(Column):
    cell_template_name = "outbox/retry_cell.html"


class DeliveriesReportView(ReportView):
    page_title = "Webhook and purge deliveries"
    header_icon = "link-external"
    index_url_name = "outbox:deliveries"
    index_results_url_name = "outbox:deliveries_results"
    model = Delivery
    permission_policy = deliveries_policy
    any_permission_required = ["view", "change"]
    filterset_class = DeliveryFilterSet
    columns = [
        Column("target", label="Sent to"),
        Column("what", label="What"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("attempts", label="Attempts"),
        DateColumn("created_at", label="Recorded"),
        DateColumn("next_attempt_at", label="Next attempt"),
        Column("last_error", label="Last error"),
        RetryColumn("retry", label=""),
    ]
    list_export = ["pk", "target", "what", "status", "attempts", "created_at", "last_error"]

    def get_queryset(self):
        return Delivery.objects.select_related("event", "webhook")

    def decorate_paginated_queryset(self, object_list):
        for delivery in object_list:
            delivery.what = (
                str(delivery.event)
                if delivery.event_id
                else f"{len(delivery.purge_urls)} URLs: {', '.join(delivery.purge_urls[:3])}…"
            )
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


@require_POST
def retry_delivery(request, pk: int):
    if not deliveries_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    delivery = get_object_or_404(Delivery, pk=pk)
    if delivery.status == DeliveryStatus.DELIVERED:
        messages.info(request, "That delivery was delivered already.")
    else:
        retry(delivery)
        messages.success(request, f"{delivery.target}: retrying now.")
    return redirect("outbox:deliveries")
