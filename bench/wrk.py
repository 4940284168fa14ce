"""Running wrk (the HTTP load tool, Debian package ``wrk``) and reading what it prints."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "wrk is not installed: apt-get install wrk (Debian/Ubuntu)."

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"
_PERCENTILE = re.compile(rf"^\s*(50|99)(?:\.0+)?%\s+{_DURATION}\s*$", re.MULTILINE)
_REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h),", re.MULTILINE)
_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)
_BAD_STATUS = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@dataclass(frozen=True)
class Measurement:
    """One wrk run against one URL."""

    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    seconds: float
    socket_errors: int = 0
    bad_responses: int = 0

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_responses

    @property
    def valid(self) -> bool:
        """Every request answered with a 2xx or 3xx, and none lost."""
        return self.requests > 0 and self.errors == 0


class WrkOutputError(ValueError):
    pass


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def parse(name: str, output: str) -> Measurement:
    """A measurement from what ``wrk --latency`` printed."""
    rate = _REQUESTS_PER_SECOND.search(output)
    total = _TOTAL.search(output)
    percentiles = {match[1]: _ms(match[2], match[3]) for match in _PERCENTILE.finditer(output)}
    if rate is None or total is None or set(percentiles) != {"50", "99"}:
        raise WrkOutputError(f"Not the output of wrk --latency:\n{output}")
    sockets = _SOCKET_ERRORS.search(output)
    bad = _BAD_STATUS.search(output)
    return Measurement(
        name=name,
        requests_per_second=float(rate[1]),
        p50_ms=percentiles["50"],
        p99_ms=percentiles["99"],
        requests=int(total[1]),
        seconds=_ms(total[2], total[3]) / 1000,
        socket_errors=sum(int(count) for count in sockets.groups()) if sockets else 0,
        bad_responses=int(bad[1]) if bad else 0,
    )


@dataclass(frozen=True)
class Load:
    """How hard and how long to push: wrk's threads, connections and duration."""

    seconds: int = 10
    threads: int = 2
    connections: int = 8
    timeout_seconds: int = 10

    def command(
        self,
        url: str,
        headers: dict[str, str],
        seconds: int | None = None,
        script: Path | None = None,
    ) -> list[str]:
        command = [
            "wrk",
            f"--threads={self.threads}",
            f"--connections={self.connections}",
            f"--duration={seconds or self.seconds}s",
            f"--timeout={self.timeout_seconds}s",
            "--latency",
        ]
        for header, value in headers.items():
            command += ["--header", f"{header}: {value}"]
        if script is not None:
            command += ["--script", str(script)]
        return [*command, url]


def cycling_script(paths: list[str], directory: Path, name: str) -> Path:
    """A wrk script that asks for ``paths`` in turn (each of wrk's threads from its own start),
    so a load reads many documents, not one."""
    listed = ",\n".join(json.dumps(path) for path in paths)
    script = directory / f"{name.replace(' ', '-')}.lua"
    script.write_text(
        f"local paths = {{\n{listed}\n}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\n"
        "end\n",
        encoding="utf-8",
    )
    return script


def available() -> bool:
    return shutil.which("wrk") is not None


def median(runs: list[Measurement]) -> Measurement:
    """One measurement for several runs of the same target: the run with the median rate (its
    latencies with it), carrying every run's errors and requests, so one failed round still
    fails the target."""
    if not runs:
        raise ValueError("no runs to combine")
    ordered = sorted(runs, key=lambda m: m.requests_per_second)
    middle = ordered[(len(ordered) - 1) // 2]
    return Measurement(
        name=middle.name,
        requests_per_second=middle.requests_per_second,
        p50_ms=middle.p50_ms,
        p99_ms=middle.p99_ms,
        requests=sum(m.requests for m in runs),
        seconds=sum(m.seconds for m in runs),
        socket_errors=sum(m.socket_errors for m in runs),
        bad_responses=sum(m.bad_responses for m in runs),
    )


def run(
    name: str,
    url: str,
    headers: dict[str, str],
    load: Load,
    seconds=None,
    script: Path | None = None,
) -> Measurement:
    """Load ``url`` (or, with ``script``, the paths it cycles through) for the configured time
    and return what wrk measured."""
    command = load.command(url, headers, seconds, script)
    done = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=False, timeout=(seconds or load.seconds) + 60
    )
    if done.returncode != 0:
        raise WrkOutputError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return parse(name, done.stdout)
