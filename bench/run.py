"""``make bench``: seed PostgreSQL, render the signed documents, serve the app under gunicorn with
production settings, load it with wrk, and print requests/s, latency and the ratios against the
targets.

Run inside ``scripts/with-postgres`` (which provides a throwaway ``DATABASE_URL``)::

    scripts/with-postgres .venv/bin/python -m bench [--seconds 5] [--rounds 3] ...

Each answer is measured against baselines served by the same app server, behind the same
middleware and throttling, in the same run: a view answering the same bytes from one
primary-key SELECT (the floor of any design that reads the database) and a view answering
constant bytes of the same size (the stack's ceiling); Wagtail's API v2 (the peer) is printed
too. Details and lists cycle through hundreds of distinct URLs, whose documents were rendered
just before the load. Exit status: 0 when every target is met, 1 when one is not, 2 when
something needed is missing.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from . import report, servers, wrk
from .report import API, BUNDLE, CONSTANT, DETAIL, LIST, SELECT, V2
from .servers import AppServer

BUNDLE_PATH = "/api/v1/kiosk/bundle/"
# Throttling stays on, raised for the one benchmark client: a per-second window keeps DRF's
# throttle history (read and written on every request that reaches DRF) short.
THROTTLE = "100000/second"
BUNDLE_LOAD = wrk.Load(threads=1, connections=1, timeout_seconds=120)
# How many distinct URLs a detail or list load cycles through, at most.
DISTINCT = 600
PUBLISH_LIMIT_SECONDS = 1.0


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} CPUs ({model}){memory}"


def environment(redis_url: str, directory: Path) -> dict[str, str]:
    """Production settings (``bench.settings``) with what production requires set."""
    (directory / "static").mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": servers.HOST,
        "REDIS_URL": redis_url,
        "API_THROTTLE_ANON": THROTTLE,
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "LOG_LEVEL": "WARNING",
    }


def prepare_database(env: dict[str, str], conditions: int, treatments: int) -> float:
    """Migrate and seed, in this process (which then lets go of its connections)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from .seed import seed

    print("migrating", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    seeded = seed(conditions, treatments, progress=lambda message: print(message, flush=True))
    seconds = time_publish(seeded)
    from .views import create_table

    create_table()
    # What autovacuum would have done on a database in service: the dead rows the bulk
    # publishing left behind cleared, and the planner's statistics gathered.
    with connections["default"].cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connections.close_all()
    return seconds


def time_publish(seeded) -> float:
    """Seconds to publish a signed edit of a treatment linked to five conditions: the change,
    its document and the documents of the five conditions, in one transaction. (The treatment
    is first cut down to five conditions, in a publish not timed.)"""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from content_models.models import TreatmentPage
    from review.signoff import ValidatedSignoff, sign_revision

    from .seed import reviewer

    user = reviewer()
    due = timezone.localdate() + datetime.timedelta(days=365)

    def publish_signed(page: TreatmentPage) -> float:
        revision = page.save_revision()
        signoff = ValidatedSignoff(
            task_state_id=0, user_id=user.pk, review_kind="minor", next_review_due=due
        )
        sign_revision(revision, user, signoff)
        started = time.perf_counter()
        with transaction.atomic():
            revision.publish()
        return time.perf_counter() - started

    page = TreatmentPage.objects.get(pk=seeded.treatments[0].pk)
    keep = {link.condition_id for link in page.condition_links.all()[:5]}
    page.condition_links = [
        link for link in page.condition_links.all() if link.condition_id in keep
    ]
    publish_signed(page)
    page = TreatmentPage.objects.get(pk=page.pk)
    page.summary = page.summary + " (Checked again.)"
    seconds = publish_signed(page)
    print(f"publishing a treatment linked to {len(keep)} conditions: {seconds:.2f} s", flush=True)
    return seconds


@dataclass
class Target:
    name: str
    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)
    size: int = 0


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _fetch_all(server: AppServer, paths: list[str], plan: Plan) -> list[bytes]:
    bodies = []
    for path in paths:
        status, _, body = server.get(path, {"Host": servers.HOST})
        if status != 200:
            plan.problems.append(f"{path} answered {status}: {body[:300]!r}")
            return []
        bodies.append(body)
    return bodies


def _urls(kind: str) -> list[tuple[str, int]]:
    """(API path, page id) of the servable documents of ``kind``, at most ``DISTINCT``."""
    from delivery.models import Document

    section = {"treatment": "treatments", "condition": "conditions"}[kind]
    found = Document.objects.filter(kind=kind).order_by("pk").values_list("slug", "page_id")
    return [(f"/api/v1/{section}/{slug}/", page_id) for slug, page_id in found[: DISTINCT // 2]]


def discover(server: AppServer) -> Plan:
    """The URLs each load cycles through, checked to answer 200, and their baselines: the same
    bodies from one primary-key SELECT each, and constant bytes of the median size."""
    from .peer import CONDITION_LIST, detail_path
    from .views import store

    plan = Plan()
    details = _urls("treatment") + _urls("condition")
    conditions = [path.rstrip("/").rsplit("/", 1)[1] for path, _ in _urls("condition")]
    sets = {
        DETAIL: [path for path, _ in details],
        LIST: [f"/api/v1/treatments/?condition={slug}" for slug in conditions],
        BUNDLE: [BUNDLE_PATH],
    }
    everything: list[bytes] = []
    ranges = {}
    for what, paths in sets.items():
        bodies = _fetch_all(server, paths, plan)
        if not bodies:
            continue
        ranges[what] = (len(everything), bodies)
        everything.extend(bodies)
    ids = store(everything)
    for what, (start, bodies) in ranges.items():
        size = int(statistics.median(len(body) for body in bodies))
        plan.targets.append(Target(report.key(what, API), sets[what], size=size))
        blob_paths = [f"/bench/select/{ids[start + n]}/" for n in range(len(bodies))]
        plan.targets.append(Target(report.key(what, SELECT), blob_paths, size=size))
        plan.targets.append(Target(report.key(what, CONSTANT), [f"/bench/constant/{size}/"]))
    peer = {
        DETAIL: [detail_path(page_id) for _, page_id in details],
        LIST: [f"{CONDITION_LIST}&offset={20 * n}" for n in range(max(1, len(conditions) // 20))],
    }
    for what, paths in peer.items():
        if _fetch_all(server, paths[:3], plan):
            plan.targets.append(Target(report.key(what, V2), paths))
    return plan


def measure(
    plan: Plan, server: AppServer, load: wrk.Load, warmup: int, directory: Path, rounds: int = 1
) -> list[dict[str, wrk.Measurement]]:
    """Load every target once per round, round after round: each right after its baseline
    (``report.adjacent_order``), and every other round in the reverse order, so a drift in the
    machine's speed during a round falls on both sides of a ratio alike. Returns each round's
    measurements; ``report.evaluate`` pairs them round by round."""
    by_name = {target.name: target for target in plan.targets}
    order = [by_name[name] for name in report.adjacent_order(by_name)]
    scripts = {
        target.name: wrk.cycling_script(target.paths, directory, target.name)
        for target in order
        if len(target.paths) > 1
    }
    measured_rounds: list[dict[str, wrk.Measurement]] = []
    for round_number in range(1, rounds + 1):
        if rounds > 1:
            print(f"round {round_number} of {rounds}", flush=True)
        this_round: dict[str, wrk.Measurement] = {}
        measured_rounds.append(this_round)
        for target in order if round_number % 2 else order[::-1]:
            url = server.base_url + target.paths[0]
            headers = {**servers.PROXY_HEADERS, "Host": servers.HOST, **target.headers}
            # The bundle is large: one connection at a time, its baselines too.
            this_load = BUNDLE_LOAD if target.name.startswith(BUNDLE) else load
            script = scripts.get(target.name)
            if warmup and round_number == 1:
                wrk.run(target.name, url, headers, this_load, seconds=warmup, script=script)
                server.wait_idle()
            measurement = wrk.run(
                target.name, url, headers, this_load, seconds=load.seconds, script=script
            )
            # Requests still queued when wrk stops would slow the next measurement down.
            server.wait_idle()
            print(
                f"  {target.name:<22} {measurement.requests_per_second:9.1f} req/s"
                f"  p50 {measurement.p50_ms:7.2f} ms  p99 {measurement.p99_ms:8.2f} ms"
                f"  errors {measurement.errors}",
                flush=True,
            )
            this_round[target.name] = measurement
    return measured_rounds


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="each measured wrk run")
    parser.add_argument(
        "--rounds", type=int, default=5, help="runs of every target, interleaved; medians kept"
    )
    parser.add_argument(
        "--warmup", type=int, default=2, help="an unmeasured run before each target's first"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--conditions", type=int, default=1000)
    parser.add_argument("--treatments", type=int, default=200)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    missing = [
        hint
        for ok, hint in (
            (wrk.available(), wrk.INSTALL_HINT),
            (servers.redis_available(), servers.REDIS_HINT),
        )
        if not ok
    ]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        missing.append(
            "No PostgreSQL DATABASE_URL: run it as `make bench` (a throwaway PostgreSQL), or "
            "scripts/with-postgres .venv/bin/python -m bench"
        )
    if missing:
        print("\n".join(missing), file=sys.stderr)
        return 2
    load = wrk.Load(seconds=args.seconds, threads=args.threads, connections=args.connections)
    with tempfile.TemporaryDirectory(prefix="clinical-cms-bench.") as tmp, ExitStack() as stack:
        directory = Path(tmp)
        redis, redis_url = servers.start_redis(directory)
        stack.callback(redis.stop)
        env = environment(redis_url, directory)
        publish_seconds = prepare_database(env, args.conditions, args.treatments)
        print(f"starting gunicorn ({args.workers} workers)", flush=True)
        server = AppServer.start("app", env, args.workers, directory)
        stack.callback(server.stop)
        plan = discover(server)
        if plan.problems:
            print("\n".join(f"problem: {problem}" for problem in plan.problems), file=sys.stderr)
            return 1
        print(
            f"loading: wrk {args.threads} threads, {args.connections} connections, "
            f"{args.rounds} rounds of {args.seconds} s each, after {args.warmup} s of warm-up",
            flush=True,
        )
        rounds = measure(plan, server, load, args.warmup, directory, args.rounds)
    # The table shows each target's median round; the ratios pair each round's own runs.
    measurements = [
        wrk.median([measured[target.name] for measured in rounds]) for target in plan.targets
    ]
    outcomes = report.evaluate(rounds)
    print()
    print(f"Machine: {machine()}")
    print(
        f"Seeded: {args.conditions} conditions, {args.treatments} treatments; gunicorn "
        f"{args.workers} sync workers; PostgreSQL and Redis on this machine"
    )
    print("Responses (median size; details and lists cycle through their distinct URLs):")
    for target in plan.targets:
        print(f"  {target.name:<22} {target.size:>9} bytes  {len(target.paths):>4} URL(s)")
    print()
    print(report.measurement_table(measurements))
    print()
    print(report.outcome_table(outcomes))
    published = publish_seconds < PUBLISH_LIMIT_SECONDS
    print()
    print(
        f"publish of a treatment linked to 5 conditions: {publish_seconds:.2f} s "
        f"(target < {PUBLISH_LIMIT_SECONDS:g} s: {'yes' if published else 'NO'})"
    )
    met = report.all_met(outcomes) and published
    print("All targets met." if met else "Some targets are NOT met.")
    return 0 if met else 1
