"""Admin views for clinical review: the review screen (diff, approve with sign-off, reject) and
each object's sign-off history, including "what patients saw on a date"."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, TaskState
from wagtail.utils.decorators import xframe_options_sameorigin_override

from accounts import otp
from claims.readability import score_object
from signing.content import base_content_type
from signing.history import end_of_day, live_at
from signing.signoffs import signoffs_of

from .currency import ReviewStatus, site_date, status_for
from .eligibility import reviewer_name, signoff_refusal
from .forms import RejectForm, SignoffForm
from .models import ClinicalReviewTask, ClinicalSignoff, already_completed


def changes_between(request, baseline, current) -> list:
    """Wagtail's own field-by-field comparison, keeping the fields that changed."""
    panel = get_edit_handler(type(current)).get_bound_panel(
        instance=current, request=request, form=None
    )
    return [
        diff for comp in panel.get_comparison() if (diff := comp(baseline, current)).has_changed()
    ]


def unchecked_language(obj) -> str:
    """The name of the content's language when the claims checker cannot read it (it reads
    English only), else "": the reviewer must then look for risky wording unaided."""
    code = getattr(getattr(obj, "locale", None), "language_code", "en")
    if code.split("-")[0] == "en":
        return ""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return str(dict(settings.LANGUAGES).get(code, code))


def flags_by_change(changes: list, flags: list) -> list[dict]:
    """Each changed field with the flags raised in it, so the reviewer sees a flag where the
    wording changed (the flag's path starts with the field's name)."""
    rows = []
    for comp in changes:
        field = comp.field
        name = field.get_accessor_name() if hasattr(field, "get_accessor_name") else field.name
        found = [
            {"flag": flag, "anchor": f"id_{SignoffForm.flag_field_name(flag)}"}
            for flag in flags
            if flag.path.split(".", 1)[0] == name
        ]
        rows.append({"comp": comp, "flags": found})
    return rows


def form_errors(*forms) -> list[dict]:
    """Every error of the bound ``forms``, each with the id of its field to link to."""
    errors = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        for name, messages_ in form.errors.items():
            bound = form[name] if name in form.fields else None
            for message in messages_:
                errors.append(
                    {
                        "label": bound.label if bound is not None else "",
                        "message": message,
                        "anchor": bound.id_for_label if bound is not None else "",
                    }
                )
    return errors


class ObjectBreadcrumbsMixin:
    """Breadcrumbs that name the object (Home › its title › this view), so the header says which
    content is under review, not "Home"."""

    def breadcrumb_object(self):
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        obj = self.breadcrumb_object()
        edit_url = AdminURLFinder(self.request.user).get_edit_url(obj) or ""
        return [
            *self.breadcrumbs_items,
            {"url": edit_url, "label": str(obj)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(obj)},
        ]


class ReviewView(ObjectBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """The reviewer's screen for one task: what changed since the last sign-off, then approve
    (attestation, password, review kind, next review due) or reject (a comment)."""

    template_name = "review/review.html"
    page_title = "Clinical review"
    header_icon = "tasks"

    def setup(self, request, task_state_id, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.task_state = get_object_or_404(TaskState, pk=task_state_id).specific
        task = self.task_state.task.specific
        if not isinstance(task, ClinicalReviewTask):
            raise Http404("Not a clinical review task.")
        self.task = task

    def dispatch(self, request, *args, **kwargs):
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            # Who completed it and when (another reviewer, or this one in another tab).
            messages.warning(request, f"“{self.object}”: {already_completed(self.task_state)}")
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def object(self):
        return self.task_state.revision.as_object()

    def breadcrumb_object(self):
        return self.object

    def get_page_subtitle(self):
        return str(self.object)

    @cached_property
    def last_rejection(self) -> TaskState | None:
        """The reviewer's latest request for changes on this object since its last sign-off:
        a resubmission is compared with the revision that was rejected."""
        rejected = (
            TaskState.objects.filter(
                status=TaskState.STATUS_REJECTED,
                workflow_state__base_content_type=base_content_type(self.object),
                workflow_state__object_id=str(self.object.pk),
                revision__isnull=False,
            )
            .exclude(pk=self.task_state.pk)
            .select_related("revision", "finished_by")
            .order_by("-finished_at", "-pk")
            .first()
        )
        signoff = self.last_signoff
        if rejected is None or (signoff is not None and signoff.signed_at > rejected.finished_at):
            return None
        return rejected

    @cached_property
    def last_signoff(self) -> ClinicalSignoff | None:
        return signoffs_of(self.object).first()

    def baseline(self):
        signoff = self.last_signoff
        if signoff is not None and signoff.revision is not None:
            return signoff.revision.as_object()
        return type(self.object)()

    def refusal(self) -> str | None:
        if not self.task.user_can_review(self.request.user):
            return signoff_refusal(self.request.user, self.object, task=self.task) or (
                "Only active medical reviewers may review clinical content."
            )
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        refusal = self.refusal()
        signoff_form = kwargs.get("signoff_form")
        if signoff_form is None and refusal is None:
            signoff_form = SignoffForm(user=user, task_state=self.task_state)
        reject_form = kwargs.get("reject_form") or RejectForm()
        changes = changes_between(self.request, self.baseline(), self.object)
        rejection = self.last_rejection
        context.update(
            {
                "object": self.object,
                "task_state": self.task_state,
                "revision": self.task_state.revision,
                "submitted_by": self.task_state.workflow_state.requested_by,
                "last_signoff": self.last_signoff,
                "changes": flags_by_change(changes, signoff_form.flags if signoff_form else []),
                "rejection": rejection,
                "rejected_by": reviewer_name(rejection.finished_by) if rejection else "",
                "changes_since_rejection": changes_between(
                    self.request, rejection.revision.as_object(), self.object
                )
                if rejection
                else None,
                "errors": form_errors(signoff_form, reject_form),
                "refusal": refusal,
                "four_eyes_refusal": signoff_refusal(user, self.object, task=self.task)
                if refusal is None
                else None,
                "signoff_form": signoff_form,
                "needs_second_factor": not otp.has_second_factor(user),
                "reject_form": reject_form,
                "preview_url": self.preview_url(),
                "readability": score_object(self.object),
                "unchecked_language": unchecked_language(self.object),
            }
        )
        return context

    def preview_url(self) -> str:
        if isinstance(self.object, Page):
            return reverse(
                "wagtailadmin_pages:revisions_view",
                args=(self.object.pk, self.task_state.revision_id),
            )
        return ""

    def post(self, request, *args, **kwargs):
        if refusal := self.refusal():
            messages.error(request, refusal)
            return self.render_to_response(self.get_context_data(), status=403)
        if "reject" in request.POST:
            form = RejectForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            self.task.on_action(self.task_state, request.user, "reject", **form.cleaned_data)
            messages.success(request, f"Changes requested for “{self.object}”.")
            return redirect("wagtailadmin_home")
        form = SignoffForm(
            request.POST, user=request.user, task_state=self.task_state, request=request
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(signoff_form=form))
        try:
            self.task.on_action(
                self.task_state, request.user, "approve", signoff=form.validated_signoff()
            )
        except PermissionDenied as refusal_error:
            messages.error(request, str(refusal_error))
            return self.render_to_response(self.get_context_data(signoff_form=form), status=403)
        except ValidationError as refusal_error:  # publishing refused, e.g. by a guard
            messages.error(request, " ".join(refusal_error.messages))
            return self.render_to_response(self.get_context_data(signoff_form=form), status=409)
        messages.success(request, f"Signed off “{self.object}”.")
        return redirect("wagtailadmin_home")


def may_read_history(user, page: Page) -> bool:
    return page.permissions_for_user(user).can_edit() or (
        user.is_superuser or hasattr(user, "clinician_profile")
    )


@xframe_options_sameorigin_override
def signed_page_as_seen(request, page_id: int, signoff_id: int):
    """The signed revision of a page rendered as patients saw it (the site's page template, or
    the kiosk with ``?mode=kiosk``), for the history's frame: with the review line of the
    sign-off (its status as on ``?date=``), and none of a preview's "not signed off" banners."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_read_history(request.user, page):
        raise PermissionDenied
    signoff = get_object_or_404(signoffs_of(page), pk=signoff_id, revision__isnull=False)
    signed = signoff.revision.as_object()
    mode = request.GET.get("mode", signed.default_preview_mode)
    if mode not in dict(signed.preview_modes):
        raise Http404("No such preview mode.")
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = timezone.localdate()
    # Wagtail's preview request (the page's own site and URL, framed on this origin), marked so
    # that the templates (and the kiosk's preview, ``kiosk.views.preview_response``) show the
    # sign-off's review line instead of the draft banners.
    return signed.make_preview_request(
        request,
        mode,
        extra_request_attrs={
            "review_as_seen": review_as_seen(signoff, day),
            "signoff_as_seen": signoff,
            "date_as_seen": day,
        },
    )


def review_as_seen(signoff: ClinicalSignoff, day: datetime.date) -> dict:
    """The page's review line as patients read it on ``day`` under ``signoff``: the fields of
    ``delivery_tags.public_review``, from the sign-off instead of today's document."""
    status = status_for(signoff.next_review_due, day)
    return {
        "last_reviewed": site_date(signoff.last_full_review_at),
        "next_review_due": signoff.next_review_due,
        "reviewer_name": signoff.full_review.reviewer_name,
        "reviewer_credentials": signoff.full_review.reviewer_credentials,
        "status": status.label if status != ReviewStatus.CURRENT else "",
    }


class SignoffHistoryView(ObjectBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every sign-off of a page, newest first, and what patients saw on a chosen date."""

    template_name = "review/history.html"
    page_title = "Sign-off history"
    header_icon = "history"

    def setup(self, request, page_id, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=page_id).specific

    def dispatch(self, request, *args, **kwargs):
        if not may_read_history(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def breadcrumb_object(self):
        return self.page

    def get_page_subtitle(self):
        return str(self.page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        on_date = self.requested_date()
        context.update(
            {
                "page": self.page,
                "signoffs": signoffs_of(self.page),
                "on_date": on_date,
                "seen_on_date": seen_on_date(self.page, on_date) if on_date else None,
            }
        )
        return context

    def requested_date(self) -> datetime.date | None:
        raw = self.request.GET.get("date")
        if not raw:
            return None
        try:
            day = datetime.date.fromisoformat(raw)
            timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
            return day
        except (ValueError, OverflowError):
            messages.error(self.request, "Enter the date as YYYY-MM-DD.")
            return None


def seen_on_date(page: Page, day: datetime.date) -> dict:
    """The signed content that was live at the end of ``day``, from the publish audit log
    (scheduled go-live and expiry included)."""
    standing = live_at(page, end_of_day(day))
    if standing is None:
        return {"live": False, "signoff": None}
    seen = {
        "live": True,
        "published_at": standing.published_at,
        "signoff": standing.signoff,
        "revision_kept": standing.revision is not None,
    }
    if standing.signoff is not None:
        seen.update(_seen_links(page, standing.signoff, day))
    return seen


def _seen_links(page: Page, signoff: ClinicalSignoff, day: datetime.date) -> dict:
    """The signed revision rendered as patients saw it on ``day`` (``signed_page_as_seen``), and
    Wagtail's comparison with the content signed before it; the signed content itself, as
    readable JSON, when its revision is no longer kept."""
    links: dict = {"content_json": json.dumps(signoff.content, indent=2, ensure_ascii=False)}
    if signoff.revision_id is None:
        return links
    seen_url = reverse("clinical_review:seen", args=(page.pk, signoff.pk))
    links["preview_url"] = f"{seen_url}?{urlencode({'date': day.isoformat()})}"
    if "kiosk" in dict(page.preview_modes):
        links["kiosk_url"] = f"{seen_url}?{urlencode({'date': day.isoformat(), 'mode': 'kiosk'})}"
    previous = (
        signoffs_of(page)
        .filter(signed_at__lt=signoff.signed_at, revision__isnull=False)
        .exclude(revision_id=signoff.revision_id)
        .first()
    )
    if previous is not None:
        links["previous"] = previous
        links["compare_url"] = reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={
                "pk": page.pk,
                "revision_id_a": str(previous.revision_id),
                "revision_id_b": str(signoff.revision_id),
            },
        )
    return links
