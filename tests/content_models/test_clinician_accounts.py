"""A clinician's account is deactivated, never deleted: the sign-offs they made name them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import ClinicianProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_a_clinicians_account_is_refused_with_a_reason(admin_client):
    clinician = UserFactory(username="dr-who", groups=["Medical reviewers"])
    ClinicianProfileFactory(user=clinician, name="Dr Who", credentials="MB BS")
    url = reverse("wagtailusers_users:delete", args=(clinician.pk,))

    for response in (admin_client.get(url, follow=True), admin_client.post(url, follow=True)):
        assert response.status_code == 200
        assert "has a clinician profile" in response.content.decode()
    assert get_user_model().objects.filter(pk=clinician.pk).exists()


def test_a_bulk_delete_that_includes_a_clinician_is_refused_with_a_reason(admin_client):
    clinician = UserFactory(username="dr-bulk", groups=["Medical reviewers"])
    ClinicianProfileFactory(user=clinician, name="Dr Bulk", credentials="MB BS")
    editor = UserFactory(username="bulk-editor", groups=["Editors"])
    url = f"/admin/bulk/auth/user/delete/?id={clinician.pk}&id={editor.pk}"

    response = admin_client.post(url, follow=True)

    assert response.status_code == 200
    assert "dr-bulk has a clinician profile" in response.content.decode()
    assert get_user_model().objects.filter(pk__in=[clinician.pk, editor.pk]).count() == 2


def test_other_accounts_are_deleted_as_usual(admin_client):
    editor = UserFactory(username="an-editor", groups=["Editors"])

    response = admin_client.post(reverse("wagtailusers_users:delete", args=(editor.pk,)))

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=editor.pk).exists()


def test_saving_a_profile_keeps_a_language_the_site_no_longer_offers(admin_client, settings):
    from tests.factories import ClinicianProfileFactory

    settings.LANGUAGES = [("en", "English")]
    profile = ClinicianProfileFactory(languages=["en", "fr"])
    url = f"/admin/snippets/content_models/clinicianprofile/edit/{profile.pk}/"
    form = admin_client.get(url).context["form"]
    assert "fr (not a content language now)" in str(form["languages"])
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.pop("active")  # deactivated, say: nothing to do with languages

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    profile.refresh_from_db()
    assert (profile.active, profile.languages) == (False, ["en", "fr"])
