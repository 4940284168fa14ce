"""The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``), for single and multiple upload.

Its own module: Wagtail's image forms need the models loaded, and ``content_models.forms`` is
imported while they load."""

from __future__ import annotations

import struct

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DecodableImageField(WagtailImageField):
    """Wagtail's image field, for which a file the image library cannot decode (a truncated
    PNG, a corrupt WebP) is an invalid image, as Django's own check says of most: Wagtail's
    pixel count decodes the whole file and let the library's error through (a 500)."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError, EOFError, struct.error, ZeroDivisionError) as e:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from e


class ImageForm(BaseImageForm):
    """Wagtail's image form, with the file field above."""

    file = DecodableImageField(label="File", widget=BaseImageForm.Meta.widgets["file"])
