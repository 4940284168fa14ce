"""Review metadata, derived from sign-offs — never stored on the page, since writing it there
would itself create an unsigned revision."""

from __future__ import annotations

from django.db import models

from .digest import content_digest
from .models import ClinicalSignoff


def signoff_for_content(obj: models.Model) -> ClinicalSignoff | None:
    """The latest sign-off of this object's content exactly as it is now, if any."""
    return ClinicalSignoff.objects.for_object(obj).filter(digest=content_digest(obj)).first()
