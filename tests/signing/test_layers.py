"""The layers of docs/architecture.md, checked on every import in the code, including imports
inside functions (the usual way round a layering rule).

    signing         imports no app of ours
    outbox          imports no app of ours (the delivery layer writes to it)
    accounts        imports no app of ours (staff's second factor, lockout, client address)
    content_models  → signing
    claims          → content_models, signing
    review          → claims, content_models, signing, accounts
    api, delivery, kiosk → any of the above, and each other (the delivery layer)
    demo            → any of the above (it drives the whole workflow)
    cms             wires apps together
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "signing",
    "outbox",
    "accounts",
    "content_models",
    "claims",
    "review",
    "api",
    "delivery",
    "kiosk",
    "demo",
    "cms",
)
_REVIEW_LAYER = {"signing", "content_models", "claims", "review", "accounts"}
_DELIVERY_LAYER = {"api", "delivery", "kiosk"}
BELOW = {
    "signing": set(),
    "content_models": {"signing"},
    "claims": {"signing", "content_models"},
    "review": {"signing", "content_models", "claims", "accounts"},
    "outbox": set(),
    "accounts": set(),
    **dict.fromkeys(_DELIVERY_LAYER, _REVIEW_LAYER | _DELIVERY_LAYER | {"outbox"}),
    "demo": _REVIEW_LAYER | _DELIVERY_LAYER | {"outbox"},
    "cms": set(APPS),
}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """(app, line) for every import of one of our apps in a module, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                found.add((top, node.lineno))
    return found


def modules_of(app: str) -> list[Path]:
    return sorted((ROOT / app).rglob("*.py"))


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_layers_below_it(app):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in modules_of(app)
        for target, line in imported_apps(path)
        if target != app and target not in BELOW[app]
    ]
    assert wrong == []


def test_the_walk_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from review.models import ClinicalSignoff\n")
    assert imported_apps(module) == {("review", 2)}


def test_every_app_of_ours_is_in_the_layer_table():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert packages <= set(APPS)
