"""Helpers that drive the clinical review through the admin, as editors and reviewers do."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import otp
from content_models.models import TreatmentPage
from review.signoff import add_months
from tests.content_models.admin_forms import treatment_form_data
from tests.factories import ClinicianProfileFactory, UserFactory
from tests.factories.users import PASSWORD


def make_reviewer(username: str, *, two_factor: bool = True):
    """A medical reviewer with a clinician profile and, unless ``two_factor`` is false, an
    authenticator (``approval_data`` types its codes)."""
    user = UserFactory(username=username, groups=["Medical reviewers"])
    ClinicianProfileFactory(user=user, name=f"Dr {username.title()}", credentials="MB ChB")
    if two_factor:
        otp.enrol(user)
    return user


def totp_code(user) -> str:
    """The code ``user``'s authenticator shows for the next time step it will accept."""
    return otp.current_code(otp.authenticator(user))


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("content_models", "treatmentpage", parent.pk))


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def review_url(page) -> str:
    page.refresh_from_db()
    return reverse("clinical_review:review", args=(page.current_workflow_task_state.pk,))


def approval_data(reviewer, **overrides) -> dict:
    """The review screen's sign-off form as ``reviewer`` fills it in, with a fresh code from
    their authenticator (``code=None`` leaves it out; a value of None leaves any field out)."""
    data = {
        "attest": "on",
        "password": PASSWORD,
        "code": totp_code(reviewer) if "code" not in overrides else None,
        "review_kind": "full",
        "next_review_due": add_months(timezone.localdate(), 12).isoformat(),
        "comment": "",
        "approve": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit_new_treatment(client, parent, title="Exercise therapy", slug="exercise-therapy"):
    """Create and submit a treatment through the add view, as an editor does."""
    response = client.post(
        add_url(parent), {**treatment_form_data(title=title, slug=slug), "action-submit": "Submit"}
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return TreatmentPage.objects.get(slug=slug)


def edit_and_submit(client, page, title):
    response = client.post(
        edit_url(page),
        {**treatment_form_data(title=title, slug=page.slug), "action-submit": "Submit"},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    page.refresh_from_db()
    return page
