"""Preview tokens: a signed, expiring grant to read one draft revision through the content API.

An editor or medical reviewer opens "Preview in web app" in the Wagtail editor; the admin signs a
token naming the page's latest revision and sends the browser to the frontend with it
(``FRONTEND_PREVIEW_URL``). The frontend fetches ``/api/v1/preview/{token}/``, which answers that
revision's content in the shape of the live detail. The token is the only credential the API
sees, so it is:

- signed with the project's ``SECRET_KEY`` under its own salt (a value signed for any other
  purpose is not a preview token);
- bound to one revision and its page: later edits never change what a token shows, and a token
  whose revision was deleted, or which names another page's revision, shows nothing;
- short-lived: ``PREVIEW_TOKEN_MAX_AGE`` seconds (default an hour) after it was issued;
- held to the account it was issued to: it stops working once that account is deactivated or
  may no longer preview the page (a link kept in a kiosk's address or a log is then useless).

Drafts shown this way are not "public": the token is issued only to signed-in staff who may edit
or review the page, and responses are never cached (``Cache-Control: private, no-store``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.models import Page, Revision, Site

from content_models.models import ConditionPage, TreatmentPage
from review.models import ClinicalReviewTask

from .context import public_base_url

SALT = "api.preview.token.v1"
PREVIEWABLE: tuple[type[Page], ...] = (TreatmentPage, ConditionPage)
MAX_LENGTH = 512
PATTERN = r"^[A-Za-z0-9_\-:.]+$"


class InvalidToken(Exception):
    """Not a preview token: malformed, tampered with, or signed for something else."""


class ExpiredToken(InvalidToken):
    """A genuine preview token, issued longer ago than ``PREVIEW_TOKEN_MAX_AGE``."""


@dataclass(frozen=True)
class PreviewGrant:
    """What a verified token allows: reading ``revision_id`` of ``page_id`` until
    ``expires_at``, while ``user_id`` (who it was issued to) may preview the page."""

    revision_id: int
    page_id: int
    expires_at: datetime.datetime
    user_id: int


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def issue(revision: Revision, user) -> str:
    """A token for ``user`` to read ``revision`` (a page revision) through the preview
    endpoint."""
    return _signer().sign_object({"r": revision.pk, "p": int(revision.object_id), "u": user.pk})


def verify(token: str) -> PreviewGrant:
    """The grant a token carries; ``InvalidToken`` or ``ExpiredToken`` otherwise."""
    if not isinstance(token, str) or len(token) > MAX_LENGTH:
        raise InvalidToken("Not a preview token.")
    signer, max_age = _signer(), settings.PREVIEW_TOKEN_MAX_AGE
    try:
        payload = signer.unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken(str(error)) from error
    except signing.BadSignature as error:
        raise InvalidToken(str(error)) from error
    if not (
        isinstance(payload, dict)
        and set(payload) == {"r", "p", "u"}
        and all(type(payload[key]) is int for key in ("r", "p", "u"))
    ):
        raise InvalidToken("Not a preview token.")
    # The signature is verified, so the token is "<payload>:<timestamp>:<signature>" as
    # TimestampSigner wrote it; its timestamp is when the token was issued.
    issued = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
    expires_at = datetime.datetime.fromtimestamp(issued + max_age, tz=datetime.UTC)
    return PreviewGrant(
        revision_id=payload["r"], page_id=payload["p"], expires_at=expires_at, user_id=payload["u"]
    )


def load(grant: PreviewGrant, site: Site) -> Page | None:
    """The page as it is in the granted revision, or None when that revision no longer exists,
    belongs to another page, or the page is not a treatment or condition of ``site``."""
    revision = Revision.page_revisions.filter(
        pk=grant.revision_id, object_id=str(grant.page_id)
    ).first()
    if revision is None:
        return None
    page = (
        Page.objects.filter(
            Page.objects.descendant_of_q(site.root_page, inclusive=True), pk=grant.page_id
        )
        .specific()
        .first()
    )
    if page is None or not isinstance(page, PREVIEWABLE):
        return None
    return page.with_content_json(revision.content)


def issuer_may_preview(grant: PreviewGrant, page: Page) -> bool:
    """Whether the account the token was issued to may still preview ``page``."""
    user = get_user_model().objects.filter(pk=grant.user_id).first()
    return user is not None and may_preview(page, user)


# Issuing, in the admin ------------------------------------------------------------------------


def may_preview(page: Page, user) -> bool:
    """Whether ``user`` may preview drafts of ``page``: signed-in staff who may edit it, or who
    may review it now (the medical reviewers' group grants edit permission too; the review
    check still lets a reviewer preview what awaits them if an admin narrows that group)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if page.permissions_for_user(user).can_edit():
        return True
    task_state = page.current_workflow_task_state
    if task_state is None:
        return False
    task = task_state.task.specific
    return isinstance(task, ClinicalReviewTask) and task.user_can_review(user)


def frontend_url(token: str, site: Site) -> str:
    """Where the editor's browser goes with a token: ``FRONTEND_PREVIEW_URL`` with its
    placeholders filled in: ``{token}``; ``{base_url}``, the public site's root as in canonical
    links (``FRONTEND_BASE_URL`` or the site's root URL); ``{api_url}``, the preview endpoint's
    own URL for this token on the page's site."""
    template = settings.FRONTEND_PREVIEW_URL
    values = {
        "token": quote(token, safe=":"),
        "base_url": public_base_url(site),
        "api_url": site.root_url + reverse("api:preview", args=(token,)),
    }
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError) as error:
        raise ImproperlyConfigured(
            f"FRONTEND_PREVIEW_URL {template!r} is not a valid template: use the placeholders "
            "{token}, {base_url} and {api_url}."
        ) from error
