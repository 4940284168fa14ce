"""Where image renditions are stored: under a name nobody can guess.

A rendition's file is public at its address (nginx or a bucket serves ``/media/images/``
directly). Wagtail names it after the upload and the filter (``photo.max-165x165.png``), and
renders some as soon as an image is uploaded (the admin's thumbnails) or a draft is previewed,
so an image that only a draft uses, never signed off, could be fetched by guessing. A random
prefix makes the address knowable only from a page or API answer that shows it.

``WAGTAILIMAGES_RENDITION_STORAGE`` names the ``renditions`` storage. On object storage, combine
``UnguessableNames`` with that backend's storage class the same way.
"""

from __future__ import annotations

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage


class UnguessableNames:
    """A storage mixin: every file saved gets 64 random bits before its name."""

    def generate_filename(self, filename: str) -> str:
        folder, name = posixpath.split(super().generate_filename(filename))
        return posixpath.join(folder, f"{secrets.token_hex(8)}-{name}")


class RenditionStorage(UnguessableNames, FileSystemStorage):
    pass
