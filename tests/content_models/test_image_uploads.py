"""An image file the image library cannot decode is refused in the upload form, single or
multiple, never a 500; a sound one is accepted."""

import io

import PIL.Image
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def _encoded(format: str) -> bytes:
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (400, 300), "teal").save(buffer, format)
    return buffer.getvalue()


CORRUPT = {
    "truncated PNG": ("scan.png", _encoded("PNG")[:120]),
    "truncated JPEG": ("scan.jpg", _encoded("JPEG")[:200]),
    "truncated GIF": ("scan.gif", _encoded("GIF")[:40]),
    "truncated WebP": ("scan.webp", _encoded("WEBP")[:60]),
}


@pytest.fixture
def root_collection():
    return Collection.get_first_root_node()


@pytest.mark.parametrize("name", CORRUPT)
def test_a_file_that_cannot_be_decoded_is_refused_in_the_form(admin_client, root_collection, name):
    filename, content = CORRUPT[name]

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Infusion room",
            "collection": root_collection.pk,
            "file": SimpleUploadedFile(filename, content),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_a_file_that_cannot_be_decoded_is_refused_by_the_multiple_upload(
    admin_client, root_collection
):
    filename, content = CORRUPT["truncated PNG"]

    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(filename, content), "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()


def test_a_sound_image_is_accepted(admin_client, root_collection):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Infusion room",
            "collection": root_collection.pk,
            "file": SimpleUploadedFile("room.png", _encoded("PNG")),
        },
    )

    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (400, 300)
    image.file.delete(save=False)
