"""The country pages in a real browser: readable on a phone and accessible."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands.loaddata import Command as DjangoLoaddata

from datasets.importers import import_datasets
from tests.factories import make_mission

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = ["/countries/", "/countries/IN/", "/countries/CD/", "/countries/LR/"]


@pytest.fixture
def countries_atlas():
    """Three missions and the real files of every data set a country page reads."""
    datasets = Path(settings.BASE_DIR) / "fixtures" / "datasets.json"
    call_command(DjangoLoaddata(), str(datasets), verbosity=0)
    make_mission(acronym="MONUSCO", slug="monusco", countries=("CD",))
    make_mission(acronym="UNMIL", slug="unmil", countries=("LR",))
    make_mission(acronym="UNMOGIP", slug="unmogip", countries=("IN", "PK"))
    parts = ["personnel", "deployments", "fatalities", "leaders", "contributors"]
    import_datasets(REAL, parts=[*parts, "site-contributors"])


def test_a_reader_on_a_phone_reads_the_pages_without_sideways_scrolling(
    live_server, countries_atlas, browser, artifacts
):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    for path in PAGES:
        page.goto(live_server.url + path)
        for details in page.locator("details").all():
            details.locator("summary").click()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide at 375px"
    page.goto(live_server.url + "/countries/IN/")
    page.screenshot(path=artifacts / "country-375.png", full_page=True)
    chart = page.get_by_role("img", name="Fatalities of nationals of India per year", exact=False)
    box = chart.bounding_box()
    assert box["width"] <= 375 and box["height"] > 100
    context.close()


def test_the_pages_have_no_serious_accessibility_violations(
    live_server, countries_atlas, audit_page, axe_source
):
    serious = {}
    for path in PAGES:
        audit_page.goto(live_server.url + path)
        audit_page.add_script_tag(content=axe_source)
        result = audit_page.evaluate(
            "async rules => await axe.run(document, {runOnly: rules})", AXE_RULES
        )
        serious[path] = [
            (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]])
            for violation in result["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
    assert serious == {path: [] for path in PAGES}, serious
