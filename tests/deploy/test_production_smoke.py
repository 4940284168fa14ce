"""A production smoke test, on real parts, following docs/deploy.md: PostgreSQL, Redis, the
release steps of section 4 (``django-admin check --deploy --database default``, ``migrate``,
``rebuild_documents --stale``; collectstatic is the ``static_root`` fixture's), two app nodes
(gunicorn with deploy/gunicorn.conf.py, production settings, different loopback ports), the
worker (django-tasks-db's ``db_worker``), nginx in front of both with the site's own
configuration files from deploy/nginx/, and a webhook receiver. (tests/deploy/test_nginx_site.py
checks deploy/nginx/clinical-cms.conf itself with ``nginx -t``.)

It checks what an operator relies on: nginx serves /static/ and /media/ itself; a withdrawal is
404 on both nodes at once and leaves nginx's cache, through the outbox's purge, within seconds;
a purge made while nginx is down is retried and lands once it is back; webhooks are signed,
retried while the receiver is down and kept while the worker is stopped; the timer's
``django-admin enqueue publish-scheduled`` makes the worker publish a scheduled page; losing
Redis or a node degrades nothing a reader sees, and with node A stopped nginx answers from node B
with a sign-off made through node A."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook as Verifier

from bench.servers import HOST, AppServer, Process, free_port, start_redis
from content_models.models import TreatmentPage
from outbox.models import Delivery, DeliveryStatus, EventKind, Webhook
from tests.factories import TreatmentPageFactory, UserFactory
from tests.factories.signing import sign
from tests.production import PRODUCTION_HASHERS, StaffSession, production_env, sign_off_through
from tests.receiver import Receiver
from tests.workflow import make_reviewer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"
DEPLOY = Path(settings.BASE_DIR) / "deploy"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SLUG = "smoke-therapy"
DETAIL = f"/api/v1/treatments/{SLUG}/"
LIST = "/api/v1/treatments/"
FILTERED = "/api/v1/treatments/?review_status=current"
WEB = f"/treatments/{SLUG}/"
# A reader's request as a browser on another origin sends it.
READER = {"Host": "localhost", "Origin": "https://kiosk.example", "Accept-Encoding": "gzip"}


class Nginx:
    """nginx with the site's configuration from deploy/nginx/, on a free loopback port."""

    def __init__(
        self, directory: Path, ports: tuple[int, int], nodes: list[AppServer], static_root: Path
    ) -> None:
        self.port, purge_port = ports
        self.directory = directory
        srv = directory / "srv"  # $clinical_cms_root: static/ and media/ under it
        srv.mkdir()
        (srv / "static").symlink_to(static_root)
        (srv / "media").symlink_to(Path(settings.MEDIA_ROOT))
        servers = "\n".join(
            f"        server {HOST}:{node.port} max_fails=1 fail_timeout=5s;" for node in nodes
        )
        user = "user root;" if os.geteuid() == 0 else ""
        conf = directory / "nginx.conf"
        conf.write_text(f"""
load_module {PURGE_MODULE};
{user}
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {directory}/nginx-access.log;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    upstream clinical_cms_app {{
{servers}
        keepalive 16;
    }}
    proxy_cache_path {directory}/cache levels=1:2 keys_zone=clinical_cms:10m max_size=100m
                     inactive=1d use_temp_path=off;
    include {DEPLOY}/nginx/clinical-cms-http.conf;
    server {{
        listen {HOST}:{self.port};
        server_name localhost;
        set $clinical_cms_root {srv};
        set $clinical_cms_scheme https;  # TLS ends at the CDN in front of this test's nginx
        include {DEPLOY}/nginx/clinical-cms-locations.conf;
    }}
    server {{
        listen {HOST}:{purge_port};
        server_name localhost;
        include {DEPLOY}/nginx/clinical-cms-purge.conf;
    }}
}}
""")
        subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", str(directory)], check=True)  # noqa: S603
        self.process = Process(
            "nginx",
            [NGINX, "-c", str(conf), "-p", str(directory), "-g", "daemon off;"],
            dict(os.environ),
            directory / "nginx.log",
        )
        self.start()

    def start(self) -> None:
        """Start (or start again: the cache on disk is kept) and wait until it answers."""
        self.process.start()
        wait_until(lambda: self.get("/health/live")[0] == 200, "nginx answers", seconds=20)

    def get(self, path: str, headers: dict[str, str] | None = None):
        """(status, headers by lower-case name, body decompressed)."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Host": "localhost", **(headers or {})})
            response = conn.getresponse()
            found = {name.lower(): value for name, value in response.getheaders()}
            body = response.read()
            if found.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, found, body.decode()
        finally:
            conn.close()

    def stop(self) -> None:
        self.process.stop()


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 10) -> float:
    """Poll ``condition`` until it holds; returns how long that took."""
    started = time.monotonic()
    while True:
        try:
            if condition():
                return time.monotonic() - started
        except OSError:
            pass
        if time.monotonic() - started > seconds:
            raise AssertionError(f"Not within {seconds} s: {what}")
        time.sleep(0.2)


def app_node(name: str, env: dict[str, str], directory: Path) -> AppServer:
    """One app node as deploy/systemd/clinical-cms-web@.service starts it: gunicorn with
    deploy/gunicorn.conf.py, its port in GUNICORN_BIND."""
    port = free_port()
    node_env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_TIMEOUT": "120",  # a shared CI machine can be slow
        "GUNICORN_LOG_LEVEL": "warning",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", str(DEPLOY / "gunicorn.conf.py")]
    process = Process(f"gunicorn ({name})", command, node_env, directory / f"gunicorn-{name}.log")
    process.start()
    node = AppServer(name, process, port)
    node.wait_ready()
    return node


def django_admin(env: dict[str, str], *args: str) -> str:
    """``django-admin ...`` as docs/deploy.md runs it (settings from the environment); its
    output, or the test fails with it."""
    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).with_name("django-admin")), *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"django-admin {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout + result.stderr


def release(env: dict[str, str]) -> None:
    """docs/deploy.md, section 4, in its order (collectstatic: the ``static_root`` fixture)."""
    checked = django_admin(env, "check", "--deploy", "--database", "default")
    assert "ERRORS" not in checked, checked
    # The test database's SECRET_KEY ("test-only-key", which the documents' seals are keyed
    # with) is shorter than Django's 50 characters: the one warning allowed here.
    issues = [line for line in checked.splitlines() if line.startswith("?: (")]
    assert all(line.startswith("?: (security.W009)") for line in issues), checked
    assert "No migrations to apply" in django_admin(env, "migrate", "--noinput")
    django_admin(env, "rebuild_documents", "--stale")


def worker_process(env: dict[str, str], directory: Path) -> Process:
    return Process(
        "worker",
        [sys.executable, "-m", "django", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        env,
        directory / "worker.log",
    )


@pytest.fixture
def stack(tmp_path, static_root):
    """Redis, the receiver, two app nodes, the worker and nginx; stopped in reverse."""
    if not (Path(NGINX).exists() and Path(PURGE_MODULE).exists()):
        pytest.fail(
            "No nginx with the cache-purge module. Install them: apt-get install -y nginx-light "
            "libnginx-mod-http-cache-purge (`make test` does so as root)."
        )
    started: list = []  # stopped in reverse, whatever fails on the way
    stack = {"static_root": static_root}
    try:
        redis, redis_url = start_redis(tmp_path)
        started.append(redis)
        stack["receiver"] = Receiver().start()
        nginx_ports = (free_port(), free_port())  # served, purges: the app needs the second
        env = production_env(
            static_root,
            REDIS_URL=redis_url,
            FRONTEND_CACHE_PURGE_URL=f"http://{HOST}:{nginx_ports[1]}",
            OUTBOX_RETRY_BASE_SECONDS="1",
            OUTBOX_RETRY_MAX_SECONDS="2",
            API_NUM_PROXIES="1",
        )
        release(env)
        nodes = [app_node(name, env, tmp_path) for name in ("a", "b")]
        started += nodes
        worker = worker_process(env, tmp_path)
        worker.start()
        started.append(worker)
        nginx = Nginx(tmp_path, nginx_ports, nodes, static_root)
        started.append(nginx)
        stack.update(redis=redis, nodes=nodes, worker=worker, nginx=nginx, env=env)
        yield stack
    finally:
        for process in reversed(started):
            process.stop()
        if "receiver" in stack:
            stack["receiver"].stop()  # the one running now (the test restarts it)


def _signed_events(receiver: Receiver, webhook: Webhook, kind: str) -> list[dict]:
    verifier = Verifier(webhook.secret)
    events = [verifier.verify(body, headers) for body, headers in list(receiver.received)]
    return [event for event in events if event["type"] == kind]


def _served(nginx: Nginx, path: str) -> tuple[int, str]:
    status, _, body = nginx.get(path, READER)
    return status, body


def _no_pending_purges() -> bool:
    return not Delivery.objects.filter(webhook=None, status=DeliveryStatus.PENDING).exists()


def _files_served_by_nginx(nginx: Nginx, static_root: Path) -> None:
    """/static/ (collected, hashed names) and /media/ (MEDIA_ROOT) come from nginx itself, but
    for the uploads nobody signs off."""
    css = next(path for path in sorted(static_root.rglob("*.css")) if path.stat().st_size)
    status, headers, body = nginx.get(f"/static/{css.relative_to(static_root).as_posix()}")
    assert status == 200 and body == css.read_text(), css
    assert "immutable" in headers["cache-control"]
    folder = Path(settings.MEDIA_ROOT) / f"smoke-{uuid.uuid4().hex}"
    folder.mkdir(parents=True)
    try:
        (folder / "note.txt").write_text("A file an editor uploaded.")
        status, headers, body = nginx.get(f"/media/{folder.name}/note.txt")
        assert (status, body) == (200, "A file an editor uploaded.")
        assert headers["x-content-type-options"] == "nosniff"
    finally:
        (folder / "note.txt").unlink()
        folder.rmdir()
    # Uploads nobody signed off are not served: original images (renditions are) and documents.
    for unreviewed in ("original_images", "documents"):
        path = Path(settings.MEDIA_ROOT) / unreviewed / f"smoke-{uuid.uuid4().hex}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("An upload nobody signed off.")
        try:
            status, _, body = nginx.get(f"/media/{unreviewed}/{path.name}")
            assert status == 404 and "nobody signed off" not in body, unreviewed
        finally:
            path.unlink()


@override_settings(TASKS=DATABASE_QUEUE, PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_production_on_real_parts(stack, treatment_index):
    nginx, receiver, worker = stack["nginx"], stack["receiver"], stack["worker"]
    a, b = stack["nodes"]
    UserFactory(username="admin-user", is_superuser=True, is_staff=True)
    editor = UserFactory(username="editor-user", groups=["Editors"])
    reviewer = make_reviewer("reviewer-user")
    webhook = Webhook.objects.create(
        name="Receiver", url=receiver.url, events=[kind.value for kind in EventKind]
    )
    page = TreatmentPageFactory(
        parent=treatment_index, slug=SLUG, summary="The first signed summary."
    )
    other = TreatmentPageFactory(parent=treatment_index, slug="other-therapy")
    # A signed revision scheduled to go live in a few seconds (the timer's job publishes it).
    go_live = timezone.now() + timedelta(seconds=5)
    scheduled = TreatmentPageFactory(parent=treatment_index, slug="scheduled-therapy", live=False)
    scheduled.go_live_at = go_live
    revision = scheduled.save_revision()
    sign(revision)
    revision.publish()
    # The publication's own purges reach nginx first (one arriving late would evict what the
    # reads below cache).
    wait_until(
        lambda: not Delivery.objects.filter(status=DeliveryStatus.PENDING).exists(),
        "the publication's webhooks and purges",
    )
    _files_served_by_nginx(nginx, stack["static_root"])

    # Public reads through nginx are cached (the URLs the app purges) with an Origin and gzip;
    # a filtered list is not (it revalidates by ETag at the app).
    for path in (DETAIL, LIST, FILTERED, WEB):
        assert _served(nginx, path)[0] == 200, path
    for path in (DETAIL, LIST, WEB):
        status, headers, body = nginx.get(path, READER)
        assert headers["x-cache-status"] == "HIT", path
        assert "access-control-allow-origin" not in headers  # no origin listed for nginx
        if len(body) > 512:  # nginx compresses (gzip_min_length), not the app
            assert headers.get("content-encoding") == "gzip", path
    assert nginx.get(FILTERED, READER)[1]["x-cache-status"] == "BYPASS"
    assert "The first signed summary." in _served(nginx, DETAIL)[1]
    plain = b.get(LIST, {"Host": "localhost", "Accept-Encoding": "gzip"})[1]
    assert "content-encoding" not in plain  # the app leaves compression to nginx

    # An unpublish through node A: both nodes answer 404 at once; nginx's cache is purged by
    # the outbox (the worker sends the PURGE) within 10 s; the receiver is told, signed.
    admin = StaffSession(a, "admin-user")
    assert admin.post(f"/admin/pages/{page.pk}/unpublish/", {})[0] == 302
    for node in (a, b):
        assert node.get(DETAIL, {"Host": "localhost"})[0] == 404
        assert node.get(WEB, {"Host": "localhost"})[0] == 404
    wait_until(
        lambda: (
            _served(nginx, DETAIL)[0] == 404
            and _served(nginx, WEB)[0] == 404
            and SLUG not in _served(nginx, LIST)[1]
            and SLUG not in _served(nginx, FILTERED)[1]
        ),
        "nginx stops serving the withdrawn page",
    )
    wait_until(lambda: _signed_events(receiver, webhook, "page.withdrawn"), "the withdrawn webhook")
    withdrawn = _signed_events(receiver, webhook, "page.withdrawn")[0]["data"]
    assert (withdrawn["id"], withdrawn["path"], withdrawn["type"]) == (page.pk, WEB, "treatment")

    # New content signed off through node A is served through nginx and by node B.
    sign_off_through(a, page, editor, reviewer, summary="The second signed summary.")
    assert "The second signed summary." in b.get(DETAIL, {"Host": "localhost"})[2].decode()
    wait_until(
        lambda: "The second signed summary." in _served(nginx, DETAIL)[1],
        "nginx serves the new sign-off",
    )

    # nginx (the cache) is down when the next sign-off's purges are sent: the outbox retries
    # them with backoff (the PURGE fails: PurgeFailed), and they land once nginx is back, so
    # nginx does not go on serving what it cached before.
    wait_until(_no_pending_purges, "the sign-off's purges")
    wait_until(lambda: nginx.get(DETAIL, READER)[1]["x-cache-status"] == "HIT", "DETAIL cached")
    nginx.stop()
    sign_off_through(a, page, editor, reviewer, summary="The third signed summary.")
    retried = Delivery.objects.filter(webhook=None, status=DeliveryStatus.PENDING, attempts__gte=2)
    wait_until(retried.exists, "the purges retried while nginx is down")
    assert "PurgeFailed" in retried.first().last_error
    nginx.start()
    wait_until(_no_pending_purges, "the purges delivered once nginx is back", seconds=20)
    status, headers, body = nginx.get(DETAIL, READER)
    assert headers["x-cache-status"] == "MISS"  # purged, not expired
    assert "The third signed summary." in body

    # The receiver is down: the event waits, is retried, and arrives once it is back.
    port = receiver.server_port
    receiver.stop()
    assert admin.post(f"/admin/pages/{other.pk}/unpublish/", {})[0] == 302
    pending = Delivery.objects.filter(
        webhook=webhook, event__kind=EventKind.WITHDRAWN, status=DeliveryStatus.PENDING
    )
    wait_until(lambda: pending.filter(attempts__gte=2).exists(), "retries while it is down")
    assert "ConnectionError" in pending.get().last_error
    receiver = Receiver(port).start()
    stack["receiver"] = receiver
    wait_until(lambda: not pending.exists(), "delivery once the receiver is back", seconds=15)
    withdrawn = _signed_events(receiver, webhook, "page.withdrawn")
    assert [event["data"]["id"] for event in withdrawn] == [other.pk]

    # The worker is stopped: a change waits in the outbox and is sent once it runs again.
    # Stopped while idle: db_worker 0.13 marks a task failed (SystemExit) when SIGTERM lands
    # between claiming it and running it (docs/deploy.md says what that costs in production).
    wait_until(
        lambda: (
            not (
                DBTaskResult.objects.ready().exists()
                or DBTaskResult.objects.filter(status="RUNNING").exists()
            )
        ),
        "the worker idle",
    )
    worker.stop()  # returns once the process has exited: nothing runs the queue now
    later = TreatmentPageFactory(parent=treatment_index, slug="later-therapy")
    waiting = Delivery.objects.filter(event__page_id=later.pk, event__kind=EventKind.PUBLISHED)
    assert waiting.get().status == DeliveryStatus.PENDING
    worker.start()
    wait_until(
        lambda: waiting.get().status == DeliveryStatus.DELIVERED, "delivery after the restart"
    )
    published = [e["data"]["id"] for e in _signed_events(receiver, webhook, "page.published")]
    assert published.count(later.pk) == 1

    # The every-minute timer's job (deploy/systemd/clinical-cms-every-minute.service): the
    # scheduled page, its go-live time past, goes live through the worker.
    scheduled_detail = "/api/v1/treatments/scheduled-therapy/"
    wait_until(lambda: timezone.now() > go_live, "the go-live time")
    assert b.get(scheduled_detail, {"Host": "localhost"})[0] == 404
    assert "Enqueued publish-scheduled" in django_admin(
        stack["env"], "enqueue", "publish-scheduled"
    )
    wait_until(
        lambda: b.get(scheduled_detail, {"Host": "localhost"})[0] == 200,
        "the scheduled page live",
        seconds=30,
    )
    assert TreatmentPage.objects.get(pk=scheduled.pk).live
    assert _served(nginx, scheduled_detail)[0] == 200

    # Wagtail's own tasks ran on the same queue, in the worker: the search index and the
    # reference index (its page purges are outbox deliveries: outbox/wagtail_purges.py), and
    # the periodic job; none failed.
    wait_until(
        lambda: (
            not (
                DBTaskResult.objects.ready().exists()
                or DBTaskResult.objects.filter(status="RUNNING").exists()
            )
        ),
        "the queue drained",
    )
    ran = set(DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("task_path", flat=True))
    assert {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
        "outbox.tasks.deliver",
        "outbox.tasks.publish_scheduled",
    } <= ran
    assert "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task" not in ran
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [
        (r.task_path, r.args_kwargs, r.exception_class_path, r.traceback) for r in failed
    ]

    # Redis killed: reads through nginx still answer; readiness says degraded.
    stack["redis"].stop()
    for path in (FILTERED, "/api/v1/search/?q=therapy", f"/api/v1/treatments/{later.slug}/"):
        assert _served(nginx, path)[0] == 200, path
    status, _, body = a.get("/health/ready", {"Host": "localhost"})
    ready = json.loads(body)
    assert status == 200 and ready["status"] == "degraded", ready
    assert ready["checks"]["cache"]["status"] == "degraded"

    # Node A stopped: nginx answers from node B, which serves the sign-off made through node A
    # (a URL nginx does not cache, so the answer is the node's).
    a.stop()
    status, headers, body = nginx.get(f"{DETAIL}?locale=en", READER)
    assert headers["x-cache-status"] == "BYPASS"
    assert status == 200 and "The third signed summary." in body
    for _ in range(6):
        assert _served(nginx, FILTERED)[0] == 200
        assert _served(nginx, "/api/v1/search/?q=therapy")[0] == 200
