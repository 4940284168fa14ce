"""The benchmark's targets, the ratios measured against them, and the printed report."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .wrk import Measurement

# Measurement names: "<what> <how>", e.g. "detail api", "list one-select", "detail v2".
DETAIL, LIST, BUNDLE = "detail", "list", "bundle"
API, SELECT, CONSTANT, V2 = "api", "one-select", "constant", "v2"


def key(what: str, how: str) -> str:
    return f"{what} {how}"


@dataclass(frozen=True)
class Target:
    """``measured`` must reach at least ``minimum`` times ``baseline``'s requests/s."""

    measured: str
    baseline: str
    minimum: float
    why: str

    @property
    def required(self) -> bool:
        """A target with no minimum is printed for information."""
        return self.minimum > 0


# In the order the benchmark loads them (``adjacent_order``): each next to its baseline.
TARGETS: tuple[Target, ...] = (
    Target(key(DETAIL, API), key(DETAIL, SELECT), 0.8, "details >= 0.8x one-SELECT view"),
    Target(key(LIST, API), key(LIST, SELECT), 0.6, "lists >= 0.6x one-SELECT view"),
    Target(key(BUNDLE, API), key(BUNDLE, SELECT), 0.3, "kiosk bundle >= 0.3x one-SELECT view"),
    Target(key(DETAIL, API), key(DETAIL, CONSTANT), 0, "detail / constant bytes"),
    Target(key(LIST, API), key(LIST, CONSTANT), 0, "list / constant bytes"),
    Target(key(BUNDLE, API), key(BUNDLE, CONSTANT), 0, "bundle / constant bytes"),
    Target(key(DETAIL, API), key(DETAIL, V2), 0, "detail / Wagtail API v2"),
    Target(key(LIST, API), key(LIST, V2), 0, "list / Wagtail API v2"),
)


def adjacent_order(names: Iterable[str], targets: Iterable[Target] = TARGETS) -> list[str]:
    """``names`` in the order to load them: each target's baseline, then the target, so the two
    run within seconds of each other; names no target compares come last."""
    names = list(names)
    order: list[str] = []
    for target in targets:
        for name in (target.baseline, target.measured):
            if name in names and name not in order:
                order.append(name)
    return order + [name for name in names if name not in order]


@dataclass(frozen=True)
class Outcome:
    target: Target
    ratio: float | None
    note: str = ""

    @property
    def met(self) -> bool:
        return self.ratio is not None and self.ratio >= self.target.minimum


def evaluate(
    measurements: Mapping[str, Measurement] | Sequence[Mapping[str, Measurement]],
    targets: Iterable[Target] = TARGETS,
) -> list[Outcome]:
    """Each target's ratio of requests/s: in each round (one mapping of measurements per
    round), the target against its baseline *of that round*, and then the median of those
    ratios. A shared machine's speed drifts from one minute to the next; pairing a target with
    the baseline loaded beside it compares like with like, where a ratio of separate medians
    would compare a fast minute with a slow one. A target is unmet when either side is missing
    or lost requests in any round (an error is not a fast answer)."""
    rounds = [measurements] if isinstance(measurements, Mapping) else list(measurements)
    outcomes = []
    for target in targets:
        ratios, note = [], ""
        for measured_in_round in rounds:
            measured = measured_in_round.get(target.measured)
            baseline = measured_in_round.get(target.baseline)
            missing = [
                name
                for name, m in ((target.measured, measured), (target.baseline, baseline))
                if m is None
            ]
            invalid = [m.name for m in (measured, baseline) if m is not None and not m.valid]
            if missing:
                note = f"not measured: {', '.join(missing)}"
                break
            if invalid:
                note = f"errors in: {', '.join(invalid)}"
                break
            ratios.append(measured.requests_per_second / baseline.requests_per_second)
        if note or not ratios:
            outcomes.append(Outcome(target, None, note or "not measured"))
        else:
            outcomes.append(Outcome(target, statistics.median(ratios)))
    return outcomes


def all_met(outcomes: Iterable[Outcome]) -> bool:
    required = [outcome for outcome in outcomes if outcome.target.required]
    return bool(required) and all(outcome.met for outcome in required)


def measurement_table(measurements: Iterable[Measurement]) -> str:
    rows = [("target", "req/s", "p50 ms", "p99 ms", "requests", "errors")]
    for m in measurements:
        rows.append(
            (
                m.name,
                f"{m.requests_per_second:.1f}",
                f"{m.p50_ms:.2f}",
                f"{m.p99_ms:.2f}",
                str(m.requests),
                str(m.errors),
            )
        )
    return _table(rows)


def outcome_table(outcomes: Iterable[Outcome]) -> str:
    rows = [("ratio", "measured", "target", "met", "")]
    for outcome in outcomes:
        target = outcome.target
        rows.append(
            (
                f"{target.measured} / {target.baseline}",
                "-" if outcome.ratio is None else f"{outcome.ratio:.2f}x",
                f">= {target.minimum:g}x" if target.required else "",
                ("yes" if outcome.met else "NO") if target.required else "",
                outcome.note,
            )
        )
    return _table(rows)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(width) if column == 0 or not cell[:1].isdigit() else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
