"""What happens when the clinical-review workflow finishes (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail's default publishes the object's *latest* revision, which need not be the one reviewed.
Here the revision that the last approved task state reviewed is published (or scheduled, if it
has a go-live date) — and only if it carries a sign-off.
"""

import logging

from django.core.exceptions import PermissionDenied

logger = logging.getLogger(__name__)


def publish_signed_revision(workflow_state, user=None) -> None:
    # Imported here: Wagtail imports this function while its own models are still loading.
    from wagtail.models import TaskState

    from signing.signoffs import signoffs_of

    task_state = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .select_related("revision")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if task_state is None:
        raise PermissionDenied("The workflow finished without an approved review.")
    revision = task_state.revision
    # The sign-off of this revision's content, made for this very revision.
    if not signoffs_of(revision.as_object()).filter(revision=revision).exists():
        raise PermissionDenied("The reviewed revision has no sign-off for its content.")
    # The sign-off is the authority to publish: a reviewer needs no publish permission.
    revision.publish(user=user, skip_permission_checks=True)
    logger.info("Published signed revision %s of %s", revision.pk, revision.object_str)
