"""The "Peacekeeping in numbers" page in a real browser: on a phone, without JavaScript,
accessible, on the real data sets."""

from pathlib import Path

import pytest
from django.conf import settings

from datasets.importers import import_datasets
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
SLUGS = [
    "ipi-providing-for-peacekeeping-personnel",
    "un-peacekeeping-fatalities-dppadposs",
    "un-and-non-un-peacekeeping",
]


@pytest.fixture
def numbers():
    for slug in SLUGS:
        make_source(slug=slug, kind=SourceKind.DATASET)
    make_mission(acronym="UNPROFOR", slug="unprofor", countries=("HR",))
    _reports, written = import_datasets(REAL, parts=["personnel", "fatalities", "non-un-personnel"])
    assert written


def test_a_reader_on_a_phone_reads_the_charts_and_their_tables(
    live_server, numbers, browser, artifacts
):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/numbers/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    charts = page.get_by_role("img")
    assert charts.count() == 3
    for index in range(3):
        box = charts.nth(index).bounding_box()
        assert box["width"] <= 375 and box["height"] > 180, index
    # Every label fits in its chart: the widest, 150,000, is not cut at the left edge.
    for index in range(3):
        chart = charts.nth(index).bounding_box()
        for text in charts.nth(index).locator("text").all():
            box = text.bounding_box()
            assert chart["x"] <= box["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"]
    page.screenshot(path=artifacts / "numbers-375.png", full_page=True)
    worldwide = page.locator("section", has=page.locator("h2#worldwide"))
    worldwide.get_by_text("Table: uniformed personnel per month").click()
    table = worldwide.get_by_role("table")
    assert table.locator("tbody tr").count() == 317  # Nov 1990 – Mar 2017, Nov 2016 a gap
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # it scrolls inside
    largest = page.locator("section", has=page.locator("h2#largest"))
    largest.get_by_role("link", name="UNPROFOR").click()
    assert page.url.endswith("/missions/unprofor/")
    context.close()


def test_the_page_has_no_serious_accessibility_violations(
    live_server, numbers, audit_page, axe_source
):
    audit_page.goto(live_server.url + "/numbers/")
    for summary in audit_page.locator("details summary").all():
        summary.click()  # the tables too
    audit_page.add_script_tag(content=axe_source)
    result = audit_page.evaluate(
        "async rules => await axe.run('main', {runOnly: rules})", AXE_RULES
    )
    serious = [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], serious


def test_the_page_keeps_to_the_content_security_policy(live_server, numbers, page, csp_violations):
    page.goto(live_server.url + "/numbers/")
    page.locator("details summary").first.click()
    assert page.get_by_role("img").count() == 3
    assert csp_violations == []
