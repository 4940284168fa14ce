"""The public web pages on a phone and on a desktop, measured in the browser on the demo content.

- At 390x844 (a current phone) no page scrolls sideways: the document is no wider than the
  viewport and no visible element's right edge passes it. Long DOIs, URLs and reference titles
  wrap instead of widening the page.
- At 1280 px the reference links under a benefit stay inside the Benefits box (and each risk's
  source inside the Risks box).
- axe-core finds no WCAG 2.0-2.2 A/AA violation on any of these pages at 390 px.

Pages: the home page, the treatment and condition indexes, the demo treatment and every demo
condition page.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from wagtail.models import Site

from .browser import browser_test

pytestmark = browser_test

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WEB_AXE = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}

# Every visible element whose right edge passes the viewport (or whose left edge is left of
# it), named so that a failure says what to fix: the innermost offenders (an element none of
# whose descendants also overflow), since their ancestors only grow around them. Elements
# inside a box that clips or scrolls its own overflow do not widen the page: left out.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const clipped = (element) => {
        for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.overflowX !== 'visible') return true;
        }
        return false;
    };
    const describe = (element) => {
        const classes = [...element.classList].map((name) => '.' + name).join('');
        const text = (element.innerText || element.textContent || '').trim().slice(0, 50);
        return `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}` +
            `${classes} "${text}"`;
    };
    const overflowing = [];
    for (const element of document.body.querySelectorAll('*')) {
        const style = getComputedStyle(element);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        if (style.position === 'absolute' || style.position === 'fixed') {
            // the skip link waits above the page until focused
            const box = element.getBoundingClientRect();
            if (box.bottom <= 0) continue;
        }
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (clipped(element)) continue;
        const right = box.right + scrollX;
        const left = box.left + scrollX;
        if (right > width + 0.5 || left < -0.5) {
            overflowing.push([element, `${describe(element)}: ` +
                `${Math.round(left)}..${Math.round(right)}px`]);
        }
    }
    const found = overflowing
        .filter(([element]) => !overflowing.some(([other]) =>
            other !== element && element.contains(other)))
        .map(([, text]) => text);
    return {
        overflowing: overflowing.length,
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        clientWidth: width,
        found,
    };
}"""

# Each link and cited title in a box of ``selector`` that passes the box's content edge.
OUT_OF_BOX = """(selector) => {
    const found = [];
    const boxes = [...document.querySelectorAll(selector)];
    for (const box of boxes) {
        const outer = box.getBoundingClientRect();
        const style = getComputedStyle(box);
        const left = outer.left + parseFloat(style.borderLeftWidth);
        const right = outer.right - parseFloat(style.borderRightWidth);
        for (const element of box.querySelectorAll('a, cite, .reference, .reference__links')) {
            for (const line of element.getClientRects()) {
                if (line.right > right + 0.5 || line.left < left - 0.5) {
                    found.push(`${element.tagName.toLowerCase()} ` +
                        `"${element.textContent.trim().slice(0, 50)}": ` +
                        `${Math.round(line.left)}..${Math.round(line.right)}px in box ` +
                        `${Math.round(left)}..${Math.round(right)}px`);
                }
            }
        }
    }
    return {boxes: boxes.length, found};
}"""


@pytest.fixture
def web(browser, live_server):
    """A browser context of its own per viewport, opened on demand."""
    cache.clear()
    contexts = []
    errors: list[str] = []

    def open_page(viewport: dict):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and "status of 404" not in message.text  # checked below
                and errors.append(message.text)
            ),
        )
        page.on("response", lambda r: r.status == 404 and missing.append(r.url))
        return page

    missing: list[str] = []
    yield open_page
    for context in contexts:
        context.close()
    cache.clear()
    assert not errors, errors
    # the web pages name no favicon; nothing else may be missing
    assert {url.removeprefix(live_server.url) for url in missing} <= {"/favicon.ico"}


@pytest.fixture
def public_pages(demo_site):
    """(name, path, title) of every public page of the demo site."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    treatment = demo_site["treatment"]
    conditions = demo_site["conditions"]
    assert treatment.slug == "ketamine-therapy-for-chronic-pain"
    assert len(conditions) >= 5
    pages = [
        ("home", home),
        ("treatment index", treatment.get_parent().specific),
        ("condition index", conditions[0].get_parent().specific),
        ("treatment", treatment),
        *[(f"condition {condition.slug}", condition) for condition in conditions],
    ]
    return [(name, page.url, page.title) for name, page in pages]


def visit(page, base_url: str, path: str, title: str) -> None:
    response = page.goto(base_url + path)
    assert response.status == 200, f"{path}: {response.status}"
    assert page.locator("h1").first.inner_text().strip() == title


def test_no_public_page_scrolls_sideways_on_a_390px_phone(web, live_server, public_pages):
    page = web(PHONE)
    problems = {}
    measured = {}
    for name, path, title in public_pages:
        visit(page, live_server.url, path, title)
        result = page.evaluate(OVERFLOWING)
        assert result["clientWidth"] == PHONE["width"]
        # and try it: a page that can be scrolled sideways moves
        page.evaluate("window.scrollTo(1000, 0)")
        scrolled = page.evaluate("window.scrollX")
        page.evaluate("window.scrollTo(0, 0)")
        measured[name] = result["scrollWidth"]
        if result["scrollWidth"] > PHONE["width"] or result["found"] or scrolled:
            problems[f"{name} ({path}): {result['scrollWidth']}px wide, scrolls {scrolled}px"] = (
                result["found"]
            )

    assert problems == {}, problems
    assert set(measured.values()) == {PHONE["width"]}, measured


def test_the_demo_treatment_has_long_tokens_that_must_wrap(web, live_server, demo_site):
    """The check above means something: the demo treatment carries DOIs and reference links
    far wider unbroken than a phone's column, and at 390 px they are on several lines."""
    page = web(PHONE)
    visit(page, live_server.url, demo_site["treatment"].url, demo_site["treatment"].title)
    links = page.locator(".benefits .reference a")
    assert links.count() > 0
    doi = page.locator(".benefits .reference__links a", has_text="DOI").first
    natural = doi.evaluate(
        """(element) => {
            const probe = element.cloneNode(true);
            probe.style.cssText = 'position:absolute;white-space:nowrap;visibility:hidden';
            document.body.append(probe);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return width;
        }"""
    )
    column = doi.evaluate("(element) => element.closest('.reference').clientWidth")
    assert natural > column, f"the DOI ({natural}px) is no wider than its column ({column}px)"
    lines = doi.evaluate(
        """(element) => {
            const range = document.createRange();
            range.selectNodeContents(element);
            return new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size;
        }"""
    )
    assert lines > 1, "the DOI is on one line, wider than its column"


def test_reference_links_stay_inside_the_benefits_box_on_a_desktop(web, live_server, demo_site):
    page = web(DESKTOP)
    treatment = demo_site["treatment"]
    visit(page, live_server.url, treatment.url, treatment.title)

    benefits = page.evaluate(OUT_OF_BOX, ".benefits")
    assert benefits["boxes"] == 1
    assert page.locator(".benefits .reference__links a").count() > 0
    assert benefits["found"] == []

    risks = page.evaluate(OUT_OF_BOX, ".risks")
    assert risks["boxes"] == 1
    assert risks["found"] == []

    # nor does anything else pass the edge of the window
    result = page.evaluate(OVERFLOWING)
    assert result["scrollWidth"] <= DESKTOP["width"]
    assert result["found"] == []


def test_every_public_page_passes_axe_at_aa_on_a_390px_phone(web, live_server, public_pages):
    page = web(PHONE)
    problems = {}
    for name, path, title in public_pages:
        visit(page, live_server.url, path, title)
        results = Axe().run(page, options=WEB_AXE)
        assert results.response["passes"], f"axe checked nothing on {name}"
        found = [
            f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
            for violation in results.response["violations"]
            for node in violation["nodes"]
        ]
        if found:
            problems[f"{name} ({path})"] = found

    assert problems == {}, problems
