"""``make bench``: seed PostgreSQL, serve the app under gunicorn with production settings, load
it with wrk, and print requests/s, latency and the ratios against the targets.

Run inside ``scripts/with-postgres`` (which provides a throwaway ``DATABASE_URL``)::

    scripts/with-postgres .venv/bin/python -m bench [--seconds 5] [--rounds 3] ...

Two app servers run side by side on the same database and Redis, differing only in
``API_RESPONSE_CACHE``: one computes every response from the database ("uncached"), the other
answers from the shared response cache ("cached"). Wagtail's API v2 (the peer) is measured on the
uncached one, the constant-bytes view (the stack's ceiling) on the cached one. Exit status: 0 when
every target is met, 1 when one is not, 2 when something needed is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from . import report, servers, wrk
from .report import BUNDLE, CACHED, CONDITION, CONSTANT, LIST, NOT_MODIFIED, TREATMENT, UNCACHED, V2
from .servers import AppServer

LIST_PATH = "/api/v1/conditions/?page_size=20"
BUNDLE_PATH = "/api/v1/kiosk/bundle/"
# Throttling stays on, raised for the one benchmark client: a per-second window keeps DRF's
# throttle history (read and written on every request that reaches DRF) short.
THROTTLE = "100000/second"
BUNDLE_LOAD = wrk.Load(threads=1, connections=1, timeout_seconds=120)


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


def prepare_database(env: dict[str, str], conditions: int, treatments: int) -> None:
    """Migrate and seed, in this process (which then lets go of its connections)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from .seed import seed

    print("migrating", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    seed(conditions, treatments, progress=lambda message: print(message, flush=True))
    # What autovacuum would have done on a database in service: the dead rows the bulk
    # publishing left behind cleared, and the planner's statistics gathered.
    with connections["default"].cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connections.close_all()


@dataclass
class Target:
    name: str
    server: AppServer
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    size: int = 0


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, name: str, server: AppServer, path: str, size: int, **headers: str) -> None:
        self.targets.append(Target(name, server, path, headers, size))


def _json(body: bytes, server: AppServer):
    """The JSON of a body, with the server's own address (in absolute links) made neutral."""
    return json.loads(body.decode("utf-8").replace(server.authority, "SERVER"))


def discover(uncached: AppServer, cached: AppServer, conditions: int, treatments: int) -> Plan:
    """Check each URL answers as it should on each server before loading it, and find the
    ids, ETags and sizes the loads need."""
    plan = Plan()
    paths = {
        LIST: LIST_PATH,
        TREATMENT: f"/api/v1/treatments/treatment-{treatments // 2:04d}/",
        CONDITION: f"/api/v1/conditions/condition-{conditions // 2:04d}/",
        BUNDLE: BUNDLE_PATH,
    }
    ids: dict[str, int] = {}
    list_size = 0
    for what, path in paths.items():
        status, headers, body = uncached.get(path)
        if what == BUNDLE and status == 404:
            plan.notes.append(f"{path} answers 404 (not built yet): the kiosk bundle is skipped.")
            continue
        if status != 200:
            plan.problems.append(f"uncached {path} answered {status}: {body[:300]!r}")
            continue
        if headers.get("x-cache"):
            plan.problems.append(f"uncached {path} says X-Cache: {headers['x-cache']}.")
        plan.add(report.key(what, UNCACHED), uncached, path, len(body))
        if what in (TREATMENT, CONDITION):
            ids[what] = _json(body, uncached)["id"]
        cached.get(path)  # fills the cache
        status, headers, cached_body = cached.get(path)
        if status != 200:
            plan.problems.append(f"cached {path} answered {status}.")
            continue
        if headers.get("x-cache") != "HIT":
            plan.notes.append(
                f"cached {path}: X-Cache is {headers.get('x-cache')!r}, not 'HIT' "
                "(is the response cache there?)."
            )
        if what != BUNDLE and _json(cached_body, cached) != _json(body, uncached):
            plan.problems.append(f"{path}: the cached body differs from the computed one.")
        plan.add(report.key(what, CACHED), cached, path, len(cached_body))
        if what == LIST:
            list_size = len(cached_body)
        etag = headers.get("etag")
        if what in (LIST, TREATMENT):
            if not etag:
                plan.notes.append(f"cached {path} has no ETag: its 304 is not measured.")
                continue
            status, _, _ = cached.get(path, {"If-None-Match": etag})
            if status != 304:
                plan.problems.append(f"{path} with If-None-Match: {etag} answered {status}.")
                continue
            plan.add(report.key(what, NOT_MODIFIED), cached, path, 0, **{"If-None-Match": etag})

    from .peer import CONDITION_LIST, detail_path

    peer_paths = {LIST: CONDITION_LIST}
    peer_paths.update({what: detail_path(page_id) for what, page_id in ids.items()})
    for what, path in peer_paths.items():
        status, _, body = uncached.get(path)
        if status != 200:
            plan.problems.append(f"Wagtail API v2 {path} answered {status}: {body[:300]!r}")
            continue
        plan.add(report.key(what, V2), uncached, path, len(body))

    if list_size:
        constant = f"/bench/constant/{list_size}/"
        status, _, body = cached.get(constant)
        if status == 200 and len(body) == list_size:
            plan.add(CONSTANT, cached, constant, list_size)
        else:
            plan.problems.append(f"{constant} answered {status} with {len(body)} bytes.")
    return plan


def measure(
    plan: Plan, load: wrk.Load, warmup: int, rounds: int = 1
) -> list[dict[str, wrk.Measurement]]:
    """Load every target once per round, round after round: each right after its baseline
    (``report.adjacent_order``), and every other round in the reverse order, so a drift in the
    machine's speed during a round falls on both sides of a ratio alike. Returns each round's
    measurements; ``report.evaluate`` pairs them round by round."""
    by_name = {target.name: target for target in plan.targets}
    order = [by_name[name] for name in report.adjacent_order(by_name)]
    measured_rounds: list[dict[str, wrk.Measurement]] = []
    for round_number in range(1, rounds + 1):
        if rounds > 1:
            print(f"round {round_number} of {rounds}", flush=True)
        this_round: dict[str, wrk.Measurement] = {}
        measured_rounds.append(this_round)
        for target in order if round_number % 2 else order[::-1]:
            url = target.server.base_url + target.path
            headers = {**servers.PROXY_HEADERS, **target.headers}
            # The bundle is large and slow to compute: one connection at a time, waited for.
            this_load = BUNDLE_LOAD if target.name.startswith(BUNDLE) else load
            if warmup and round_number == 1:
                wrk.run(target.name, url, headers, this_load, seconds=warmup)
                target.server.wait_idle()
            measurement = wrk.run(target.name, url, headers, this_load, seconds=load.seconds)
            # Requests still queued when wrk stops would slow the next measurement down.
            target.server.wait_idle()
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
        prepare_database(env, args.conditions, args.treatments)
        print(f"starting gunicorn ({args.workers} workers each), uncached and cached", flush=True)
        uncached = AppServer.start(
            UNCACHED, {**env, "API_RESPONSE_CACHE": "0"}, args.workers, directory
        )
        stack.callback(uncached.stop)
        cached = AppServer.start(
            CACHED, {**env, "API_RESPONSE_CACHE": "1"}, args.workers, directory
        )
        stack.callback(cached.stop)
        plan = discover(uncached, cached, args.conditions, args.treatments)
        for note in plan.notes:
            print(f"note: {note}")
        if plan.problems:
            print("\n".join(f"problem: {problem}" for problem in plan.problems), file=sys.stderr)
            return 1
        print(
            f"loading: wrk {args.threads} threads, {args.connections} connections, "
            f"{args.rounds} rounds of {args.seconds} s each, after {args.warmup} s of warm-up",
            flush=True,
        )
        rounds = measure(plan, load, args.warmup, args.rounds)
    # The table shows each target's median round; the ratios pair each round's own runs.
    measurements = [
        wrk.median([measured[target.name] for measured in rounds]) for target in plan.targets
    ]
    outcomes = report.evaluate(rounds)
    print()
    print(f"Machine: {machine()}")
    print(
        f"Seeded: {args.conditions} conditions, {args.treatments} treatments; gunicorn "
        f"{args.workers} sync workers per server; PostgreSQL and Redis on this machine"
    )
    print("Responses:")
    for target in plan.targets:
        print(f"  {target.name:<22} {target.size:>8} bytes  {target.path}")
    print()
    print(report.measurement_table(measurements))
    print()
    print(report.outcome_table(outcomes))
    met = report.all_met(outcomes)
    print()
    print("All targets met." if met else "Some targets are NOT met.")
    return 0 if met else 1
