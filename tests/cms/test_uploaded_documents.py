"""Uploaded documents are unreviewed files: the admin's users may open them, the public gets
the 404 of a page that never existed."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

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
