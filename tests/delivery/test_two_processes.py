"""Several app processes: a change committed through one is what every process serves on its
next request, with Redis configured or not, because every public read comes from documents in
the database (no process keeps a copy). The processes are real gunicorn servers with production
settings on the test database; changes are made through one of them, as staff make them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from bench.servers import HOST, AppServer, start_redis
from tests.factories import TreatmentPageFactory, UserFactory
from tests.production import PRODUCTION_HASHERS, StaffSession, get, production_env, sign_off_through
from tests.workflow import make_reviewer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The other processes need a database server they can reach; SQLite's test database (by
    # explicit request) lives in this process's memory.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

DETAIL = "/api/v1/treatments/shared-therapy/"
LIST = "/api/v1/treatments/"
WEB = "/treatments/shared-therapy/"


@pytest.fixture(params=["without Redis", "with Redis"])
def nodes(request, tmp_path, static_root):
    redis = None
    extra = {}
    if request.param == "with Redis":
        redis, extra["REDIS_URL"] = start_redis(tmp_path)
    env = production_env(static_root, **extra)
    started = [AppServer.start(name, env, workers=2, directory=tmp_path) for name in ("a", "b")]
    yield started
    for node in started:
        node.stop()
    if redis is not None:
        redis.stop()


def test_a_withdrawal_and_a_sign_off_through_one_node_are_served_by_both_at_once(
    nodes, treatment_index
):
    a, b = nodes
    # Passwords the production processes can check (the suite's own hasher is a fast one).
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        UserFactory(username="admin-user", is_superuser=True, is_staff=True)
        editor = UserFactory(username="editor-user", groups=["Editors"])
        reviewer = make_reviewer("reviewer-user")
    page = TreatmentPageFactory(
        parent=treatment_index, slug="shared-therapy", summary="The first signed summary."
    )
    for node in (a, b):
        status, body = get(node, DETAIL)
        assert status == 200 and "The first signed summary." in body

    # An unpublish, committed through node A's admin.
    status, _ = StaffSession(a, "admin-user").post(f"/admin/pages/{page.pk}/unpublish/", {})
    assert status == 302
    for node in (a, b):
        assert get(node, DETAIL)[0] == 404
        assert get(node, WEB)[0] == 404
        status, body = get(node, LIST)
        assert status == 200 and "shared-therapy" not in body

    # New content, submitted for review here and signed off through node A: it goes live.
    sign_off_through(a, page, editor, reviewer, summary="The second signed summary.")
    for node in (a, b):
        status, body = get(node, DETAIL)
        assert status == 200 and "The second signed summary." in body
        assert "The second signed summary." in get(node, WEB)[1]


def test_with_redis_unreachable_reads_still_answer_and_throttling_lets_them_through(
    tmp_path, static_root, treatment_index
):
    TreatmentPageFactory(parent=treatment_index, slug="shared-therapy")
    env = production_env(
        static_root,
        REDIS_URL=f"redis://{HOST}:9/0",  # nothing listens there
        API_THROTTLE_ANON="2/minute",
    )
    node = AppServer.start("no-redis", env, workers=1, directory=tmp_path)
    try:
        for path in (DETAIL, LIST, WEB, "/api/v1/kiosk/bundle/", "/api/v1/search/?q=treatment"):
            for _ in range(3):  # more than the throttle's rate: it cannot count, so it allows
                assert get(node, path)[0] == 200, path
    finally:
        node.stop()
