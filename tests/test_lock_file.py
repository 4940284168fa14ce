"""Every dependency is pinned, and the suite runs on exactly the pinned versions (`make test`
installs from requirements/dev.lock)."""

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if found := PIN.match(line):
            pins[_normal(found.group(1))] = found.group(2)
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normal(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0])


def test_every_declared_dependency_is_pinned_in_the_lock_files():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_requirement_name(item) for item in project["dependencies"]}
    dev = {_requirement_name(item) for item in project["optional-dependencies"]["dev"]}

    assert runtime <= set(_pins("base.lock"))
    assert runtime | dev <= set(_pins("dev.lock"))


def test_the_runtime_pins_agree_between_the_lock_files():
    base, dev = _pins("base.lock"), _pins("dev.lock")

    assert {name: pin for name, pin in base.items() if dev.get(name) != pin} == {}


def test_the_suite_runs_on_the_pinned_versions():
    mismatched = {}
    for name, pinned in _pins("dev.lock").items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            mismatched[name] = (pinned, installed)

    assert mismatched == {}
