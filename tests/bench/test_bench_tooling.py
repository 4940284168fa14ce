"""The benchmark's tooling (``bench/``) on a tiny data set: the seeding makes signed pages the
API serves, wrk's output is read right, and the targets are judged from the measurements.
The load itself runs only in ``make bench``."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.test import Client

from bench import report
from bench.report import Outcome, Target, all_met, evaluate
from bench.seed import seed, treatments_of_condition
from bench.wrk import Load, Measurement, WrkOutputError, cycling_script, median, parse
from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage
from signing.signoffs import is_servable, signoffs_of

# Seeding ---------------------------------------------------------------------------------------


@pytest.fixture
def seeded(db):
    return seed(conditions=6, treatments=3)


def test_seeding_makes_the_asked_for_pages_each_condition_with_two_treatments(seeded):
    assert ConditionPage.objects.live().count() == len(seeded.conditions) == 6
    assert TreatmentPage.objects.live().count() == len(seeded.treatments) == 3
    per_condition = TreatmentCondition.objects.values("condition").annotate(n=Count("treatment"))
    assert sorted(row["n"] for row in per_condition) == [2] * 6
    # Six conditions, two links each, spread evenly over three treatments.
    per_treatment = TreatmentCondition.objects.values("treatment").annotate(n=Count("condition"))
    assert sorted(row["n"] for row in per_treatment) == [4, 4, 4]
    assert [page.title for page in seeded.conditions][:2] == ["Condition 0000", "Condition 0001"]


def test_seeded_pages_carry_realistic_text_from_the_reviewed_demo_content(seeded):
    treatment = seeded.treatments[0]
    assert len(treatment.what_it_is) > 200
    assert len(treatment.benefits) and len(treatment.serious_risks) and len(treatment.faqs)
    # The condition's description is lengthened with whole sentences, not filler.
    description = seeded.conditions[0].description
    assert description.count("<p>") >= 3
    assert "lorem" not in description.lower()


def test_every_seeded_page_is_signed_and_servable(seeded):
    for page in [*seeded.conditions, *seeded.treatments]:
        assert is_servable(page), page
        assert signoffs_of(page).count() == 1


def test_every_seeded_page_is_served_by_the_api_lists_with_its_links(seeded):
    api = Client()
    conditions = api.get("/api/v1/conditions/", {"page_size": 100}).json()
    assert conditions["count"] == 6
    assert {item["slug"] for item in conditions["results"]} == {p.slug for p in seeded.conditions}
    assert all(len(item["treatments"]) == 2 for item in conditions["results"])
    treatments = api.get("/api/v1/treatments/", {"page_size": 100}).json()
    assert {item["slug"] for item in treatments["results"]} == {p.slug for p in seeded.treatments}
    assert all(len(item["conditions"]) == 4 for item in treatments["results"])
    for page in [seeded.conditions[0], seeded.treatments[0]]:
        section = "conditions" if isinstance(page, ConditionPage) else "treatments"
        assert api.get(f"/api/v1/{section}/{page.slug}/").status_code == 200


def test_the_link_pattern_needs_two_treatments():
    assert treatments_of_condition(5, 3) == (2, 0)
    with pytest.raises(ValueError, match="at least 2"):
        treatments_of_condition(0, 1)


# wrk's output (captured from wrk 4.1.0 runs) --------------------------------------------------

WRK_OK = """\
Running 2s test @ http://127.0.0.1:18765/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.16ms   13.96ms  86.44ms   76.12%
    Req/Sec   178.55     73.82   370.00     72.50%
  Latency Distribution
     50%   15.47ms
     75%   27.17ms
     90%   41.26ms
     99%   63.85ms
  715 requests in 2.01s, 2.51MB read
Requests/sec:    355.63
Transfer/sec:      1.25MB
"""

WRK_NOT_FOUND = """\
Running 1s test @ http://127.0.0.1:18765/nothing
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.33ms    4.99ms  42.94ms   93.50%
    Req/Sec   544.50    175.19   790.00     60.00%
  Latency Distribution
     50%    3.20ms
     75%    5.51ms
     90%    7.99ms
     99%   31.85ms
  545 requests in 1.01s, 276.94KB read
  Non-2xx or 3xx responses: 545
Requests/sec:    542.14
Transfer/sec:    275.48KB
"""

WRK_TIMEOUTS = """\
Running 3s test @ http://127.0.0.1:18767/slow
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     1.00      0.00     1.00    100.00%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  2 requests in 3.00s, 226.00B read
  Socket errors: connect 0, read 0, write 0, timeout 2
Requests/sec:      0.67
Transfer/sec:      75.21B
"""


def test_wrk_output_gives_rate_latency_percentiles_and_totals():
    measured = parse("list cached", WRK_OK)
    assert measured == Measurement(
        name="list cached",
        requests_per_second=355.63,
        p50_ms=15.47,
        p99_ms=63.85,
        requests=715,
        seconds=2.01,
    )
    assert measured.valid


def test_wrk_counts_bad_statuses_and_socket_errors_as_errors():
    not_found = parse("x", WRK_NOT_FOUND)
    assert (not_found.bad_responses, not_found.errors, not_found.valid) == (545, 545, False)
    timeouts = parse("x", WRK_TIMEOUTS)
    assert (timeouts.socket_errors, timeouts.p99_ms, timeouts.valid) == (2, 0.0, False)


def _run(rate: float, p50: float, errors: int = 0) -> Measurement:
    return Measurement("list cached", rate, p50, 2 * p50, 100, 5.0, socket_errors=errors)


def test_rounds_keep_the_median_run_and_every_runs_errors():
    runs = [_run(900.0, 9.0), _run(1200.0, 7.0), _run(1000.0, 8.0)]

    combined = median(runs)
    assert (combined.requests_per_second, combined.p50_ms, combined.p99_ms) == (1000.0, 8.0, 16.0)
    assert (combined.requests, combined.seconds, combined.valid) == (300, 15.0, True)

    assert median([_run(1000.0, 8.0), _run(1100.0, 8.0, errors=3)]).valid is False
    assert median([_run(1000.0, 8.0), _run(1100.0, 8.0)]).requests_per_second == 1000.0
    with pytest.raises(ValueError):
        median([])


def test_wrk_latency_units_are_converted_to_milliseconds():
    output = WRK_OK.replace("50%   15.47ms", "50%  812.00us").replace(
        "99%   63.85ms", "99%    1.20s"
    )
    measured = parse("x", output)
    assert (measured.p50_ms, measured.p99_ms) == (pytest.approx(0.812), pytest.approx(1200.0))


def test_anything_but_wrk_latency_output_is_refused():
    with pytest.raises(WrkOutputError):
        parse("x", "unable to connect to 127.0.0.1:1 Connection refused")
    without_latency = WRK_OK.replace("     99%   63.85ms\n", "")
    with pytest.raises(WrkOutputError):
        parse("x", without_latency)


def test_the_wrk_command_is_bounded_in_time_and_sends_the_headers():
    command = Load(seconds=10, threads=2, connections=8).command(
        "http://127.0.0.1:8000/api/v1/conditions/", {"If-None-Match": '"abc"'}
    )
    assert command[0] == "wrk"
    assert {"--threads=2", "--connections=8", "--duration=10s", "--latency"} <= set(command)
    assert command[-3:] == [
        "--header",
        'If-None-Match: "abc"',
        "http://127.0.0.1:8000/api/v1/conditions/",
    ]


def test_a_load_can_cycle_through_many_urls(tmp_path):
    paths = [f"/api/v1/treatments/t-{n}/" for n in range(600)] + ['/odd "quoted" path/']
    script = cycling_script(paths, tmp_path, "detail api")

    text = script.read_text()
    assert script.name == "detail-api.lua"
    assert text.count("/api/v1/treatments/t-") == 600
    assert '"/odd \\"quoted\\" path/"' in text  # quoted as a Lua string
    assert "i = i % #paths + 1" in text and "wrk.format(nil, paths[i])" in text
    command = Load().command("http://127.0.0.1:8000/", {}, script=script)
    assert command[-3:] == ["--script", str(script), "http://127.0.0.1:8000/"]


# Ratios against the targets ----------------------------------------------------------------------


def _m(name: str, rate: float, errors: int = 0) -> Measurement:
    return Measurement(
        name, rate, 1.0, 2.0, requests=int(rate * 10), seconds=10, bad_responses=errors
    )


def test_ratios_are_judged_against_each_target():
    targets = [
        Target("detail api", "detail one-select", 0.8, "details >= 0.8x one-SELECT"),
        Target("list api", "list one-select", 0.6, "lists >= 0.6x one-SELECT"),
        Target("list api", "list constant", 0, "for information"),
    ]
    measured = {
        m.name: m
        for m in [
            _m("detail api", 900),
            _m("detail one-select", 1000),
            _m("list api", 500),
            _m("list one-select", 1000),
            _m("list constant", 2000),
        ]
    }
    outcomes = evaluate(measured, targets)
    assert [round(outcome.ratio, 3) for outcome in outcomes] == [0.9, 0.5, 0.25]
    assert [outcome.met for outcome in outcomes[:2]] == [True, False]
    assert not all_met(outcomes)
    assert all_met(outcomes[:1] + outcomes[2:])  # a ratio printed for information is no target


def test_a_target_with_a_side_missing_or_failing_is_not_met():
    targets = [Target("a", "b", 1, ""), Target("c", "d", 1, "")]
    measured = {"a": _m("a", 100), "c": _m("c", 100), "d": _m("d", 10, errors=3)}
    missing, failing = evaluate(measured, targets)
    assert (missing.ratio, missing.met, missing.note) == (None, False, "not measured: b")
    assert (failing.ratio, failing.met, failing.note) == (None, False, "errors in: d")
    assert not all_met([])


def test_ratios_pair_each_round_with_the_baseline_loaded_beside_it():
    """The machine slows down in the second round: each round's ratio is still 0.8, while a
    ratio of the two sides' separate medians would read 0.9."""
    target = Target("list cached", "constant", 0.85, "")
    rounds = [
        {"list cached": _m("list cached", 1000), "constant": _m("constant", 1250)},
        {"list cached": _m("list cached", 500), "constant": _m("constant", 625)},
        {"list cached": _m("list cached", 900), "constant": _m("constant", 1000)},
    ]

    (outcome,) = evaluate(rounds, [target])

    assert outcome.ratio == pytest.approx(0.8)
    assert not outcome.met
    assert evaluate(rounds[2], [target])[0].ratio == pytest.approx(0.9)  # one round alone


def test_errors_in_any_round_fail_the_target():
    target = Target("a", "b", 1, "")
    rounds = [
        {"a": _m("a", 100), "b": _m("b", 10)},
        {"a": _m("a", 100, errors=1), "b": _m("b", 10)},
    ]
    (outcome,) = evaluate(rounds, [target])
    assert (outcome.ratio, outcome.met, outcome.note) == (None, False, "errors in: a")
    (missing,) = evaluate([{"a": _m("a", 100), "b": _m("b", 10)}, {"a": _m("a", 100)}], [target])
    assert (missing.ratio, missing.note) == (None, "not measured: b")


def test_each_target_is_loaded_right_after_its_baseline():
    names = [
        "detail api", "detail one-select", "detail constant", "detail v2", "list api",
        "list one-select", "list constant", "list v2", "bundle api", "bundle one-select",
        "bundle constant", "other",
    ]  # fmt: skip

    order = report.adjacent_order(names)

    assert sorted(order) == sorted(names)
    assert order[:2] == ["detail one-select", "detail api"]
    assert order[-1] == "other"  # compared with nothing
    for target in report.TARGETS:
        if target.required:
            gap = order.index(target.measured) - order.index(target.baseline)
            assert gap == 1, target


def test_the_default_targets_are_those_of_the_issue():
    minimum = {(t.measured, t.baseline): t.minimum for t in report.TARGETS if t.required}
    assert minimum == {
        ("detail api", "detail one-select"): 0.8,
        ("list api", "list one-select"): 0.6,
        ("bundle api", "bundle one-select"): 0.3,
    }


def test_the_report_tables_show_every_measurement_and_verdict():
    measurements = [_m("list uncached", 200), _m("list v2", 17)]
    table = report.measurement_table(measurements)
    assert "list uncached" in table and "200.0" in table and "list v2" in table
    verdicts = report.outcome_table(
        [
            Outcome(Target("list uncached", "list v2", 10, ""), 11.76),
            Outcome(Target("a", "b", 1, ""), None, "not measured: b"),
        ]
    )
    assert "11.76x" in verdicts and "yes" in verdicts
    assert "NO" in verdicts and "not measured: b" in verdicts
