"""The page editor with the preview panel open at 1,400 px: every tab can be seen and clicked,
none under Wagtail's floating "Collapse all" button (the tabs wrap onto a second line)."""

import re

from django.urls import reverse

from tests.factories import TreatmentPageFactory, UserFactory
from tests.factories.users import PASSWORD

from .browser import browser_test, signed_in_admin

pytestmark = browser_test

BOXES = """() => {
    const box = (element) => element.getBoundingClientRect().toJSON();
    const collapse = [...document.querySelectorAll("button")]
        .find((button) => /Collapse all|Expand all/.test(button.innerText));
    return {
        tabs: [...document.querySelectorAll("[role=tab]")]
            .map((tab) => [tab.innerText.trim().split("\\n")[0], box(tab)]),
        button: collapse ? box(collapse) : null,
    };
}"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def test_with_the_preview_open_no_tab_hides_under_collapse_all(
    browser, live_server, treatment_index
):
    UserFactory(username="editor", groups=["Editors"])
    page = TreatmentPageFactory(parent=treatment_index, title="A treatment")
    tab = signed_in_admin(browser, live_server.url, "editor", PASSWORD)
    tab.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    tab.get_by_role("button", name=re.compile("Toggle preview", re.I)).first.click()
    tab.locator("iframe").first.wait_for()

    boxes = tab.evaluate(BOXES)

    assert boxes["button"] is not None
    covered = [name for name, box in boxes["tabs"] if _overlap(box, boxes["button"])]
    assert covered == []
    for name in ("Review checks", "Promote"):
        target = tab.get_by_role("tab", name=re.compile(f"^{name}"))
        target.click()
        assert target.get_attribute("aria-selected") == "true"
    tab.context.close()
