"""What may not be deleted, whichever door deletes it (the admin, a bulk action, a shell, a
command): a disclaimer that has been published, or that a page's revision chooses.

A published one is part of the record of what patients saw (the page history shows it for each
date), and while it is the default, deleting it would take it off every treatment that shows
it with no review. Unpublishing stops it being shown. A revision that chooses a deleted one
can no longer be loaded. Any other draft can be deleted.

The admin says so before it tries (``wagtail_hooks``); this refusal is the one that holds.
Unlike Django's own ``ProtectedError`` (raised while collecting, before anything is written),
this one is raised inside the delete's transaction, so an enclosing ``atomic`` block is
rolled back too: a caller that means to go on after a refusal deletes in a block of its own.
"""

from __future__ import annotations

from django.db.models import ProtectedError
from wagtail.models import Revision

from signing.history import ever_published


def refusal(disclaimer) -> str | None:
    """Why ``disclaimer`` may not be deleted, or None when it may (never published, and no
    page's revision chooses it)."""
    if ever_published(disclaimer):
        return (
            f"“{disclaimer}” cannot be deleted: it has been shown to patients, and the history "
            "of what patients saw keeps it. Unpublish it to stop showing it."
        )
    # A revision naming a deleted disclaimer can no longer be loaded (the page's choice of it
    # is protected): its draft, its review and its history would answer errors.
    if Revision.page_revisions.filter(content__disclaimer=disclaimer.pk).exists():
        return (
            f"“{disclaimer}” cannot be deleted: a treatment's draft, a revision awaiting "
            "review or its history chooses it. Choose another disclaimer there first."
        )
    return None


def keep_disclaimers_patients_saw(sender, instance, **kwargs) -> None:
    """``pre_delete`` of a disclaimer: refuse (the whole delete rolls back) when it was ever
    published."""
    if reason := refusal(instance):
        raise ProtectedError(reason, {instance})
