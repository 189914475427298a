"""The 'Where it deployed' map in a real browser: on a phone, without JavaScript, accessible."""

from pathlib import Path

import pytest
from django.conf import settings

from datasets.importers import import_datasets
from sources.models import SourceKind
from tests.factories import make_mission, make_source

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REAL = Path(settings.BASE_DIR).parent / "shared" / "datasets"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def monusco():
    make_source(slug="geo-pko-deployments", kind=SourceKind.DATASET)
    mission = make_mission(acronym="MONUSCO", slug="monusco", countries=("CD",))
    import_datasets(REAL, parts=["deployments"])
    return mission


def test_a_reader_on_a_phone_picks_a_year_without_javascript(
    live_server, monusco, browser, artifacts
):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + monusco.get_absolute_url())
    section = page.locator("section.figure-deployments")
    # The year of most troops first: 18,954 in 2014 (the file's ave.no.troops, summed).
    assert "In 2014, MONUSCO had" in section.inner_text()
    section.get_by_role("navigation", name="Years with deployment sites").get_by_role(
        "link", name="2015", exact=True
    ).click()
    assert page.url.endswith("?deployment_year=2015#figure-deployments")
    assert "In 2015, MONUSCO had 34 sites" in section.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    drawing = section.get_by_role("img", name="Map of MONUSCO's 34 deployment sites in 2015")
    box = drawing.bounding_box()
    assert box["width"] <= 375 and box["height"] > 200
    section.screenshot(path=artifacts / "deployments-375.png")
    section.get_by_text("Table", exact=True).click()
    assert section.get_by_role("table").locator("tbody tr").count() == 34
    context.close()


def test_the_figure_has_no_serious_accessibility_violations(
    live_server, monusco, audit_page, axe_source
):
    audit_page.goto(live_server.url + monusco.get_absolute_url() + "?deployment_year=2015")
    audit_page.add_script_tag(content=axe_source)
    script = "async rules => await axe.run('section.figure-deployments', {runOnly: rules})"
    result = audit_page.evaluate(script, AXE_RULES)
    serious = [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], serious
