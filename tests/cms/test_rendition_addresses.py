"""A rendition's address cannot be guessed from the upload's name: renditions are public at
their address (nginx serves /media/images/ itself), and the admin renders some as soon as an
image is uploaded, before any page that uses it is signed off."""

from __future__ import annotations

import re

from wagtail_factories import ImageFactory

RANDOM_PREFIX = re.compile(r"^images/[0-9a-f]{16}-clinic-photo\w*\.max-165x165\.\w+$")


def test_a_rendition_is_stored_under_a_random_prefix(db):
    first = ImageFactory(file__filename="clinic-photo.jpg").get_rendition("max-165x165")
    second = ImageFactory(file__filename="clinic-photo.jpg").get_rendition("max-165x165")

    assert RANDOM_PREFIX.match(first.file.name), first.file.name
    assert RANDOM_PREFIX.match(second.file.name), second.file.name
    assert first.file.name != second.file.name
    assert first.url.endswith(first.file.name)
    assert first.file.storage.exists(first.file.name)
    with first.file.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"  # a JPEG (the factory's image)
