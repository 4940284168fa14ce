"""Uploaded documents are unreviewed files: the admin's users may open them, the public gets
the 404 of a page that never existed."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.factories.users import PASSWORD
from tests.workflow import make_reviewer, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaflet():
    document = get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"Words nobody signed off.", name="leaflet.txt")
    )
    yield document
    document.file.delete(save=False)
    document.delete()


def test_an_uploaded_document_is_not_public(client, leaflet):
    never = client.get("/treatments/never-existed/")

    response = client.get(leaflet.url)

    assert response.status_code == never.status_code == 404
    assert b"Words nobody signed off." not in response.content


def test_the_admins_users_can_open_it(admin_client, leaflet):
    response = admin_client.get(leaflet.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Words nobody signed off."


def test_staff_open_it_only_past_the_second_factor_when_one_is_required(client, settings, leaflet):
    settings.OTP_REQUIRED_FOR_STAFF = True
    reviewer = make_reviewer("reviewer")
    client.post(reverse("wagtailadmin_login"), {"username": "reviewer", "password": PASSWORD})

    assert client.get(leaflet.url).status_code == 404
    client.post(reverse("accounts:verify"), {"code": totp_code(reviewer)})
    assert client.get(leaflet.url).status_code == 200
