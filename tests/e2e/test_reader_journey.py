"""A reader in a real browser: find a mission, read it, follow a citation, on any screen."""

import re
from pathlib import Path

import pytest

from missions.models import Mission

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
MAIN_PAGES = [
    "/",
    "/missions/",
    "/missions/unficyp/",
    "/organizations/",
    "/organizations/african-union/",
    "/lessons/",
    "/lessons/insufficient-intervention/",
    "/topics/",
    "/topics/consent/",
    "/sources/",
    "/sources/peacekeeping-and-diplomatic-relations/",
    "/missions/?region=africa&sort=-start",
    "/missions/?view=table&organization=united-nations&status=closed",
    "/missions/timeline/",
    "/missions/map/",
    "/search/?q=somalia",
    "/search/?q=peacekeping",  # corrected, with best matches
    "/search/?q=zzqxv",  # nothing found: what to try
    "/open-data/",
]


def test_reader_opens_a_mission_and_follows_a_citation(live_server, shipped_atlas, page, artifacts):
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Missions").click()
    page.get_by_role("link", name="UNFICYP", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("UNFICYP")
    facts = page.get_by_role("region", name="Facts")
    assert "27 March 1964" in facts.inner_text()
    assert "Cyprus" in facts.inner_text()
    page.screenshot(path=artifacts / "mission-1280.png", full_page=True)

    footnote = page.locator("#cite-1 a").first
    title = re.sub(r"\s+", " ", footnote.inner_text()).split(",")[0]
    footnote.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url and "#section-" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator(":target h3").is_visible()
    assert page.get_by_role("link", name=re.compile("UNFICYP")).first.is_visible()


def test_phone_width_has_no_sideways_scrolling(live_server, shipped_atlas, browser, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    for path in MAIN_PAGES:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 375, f"{path} is {overflow}px wide at 375px"
    page.goto(live_server.url + "/missions/unficyp/")
    page.screenshot(path=artifacts / "mission-375.png", full_page=True)
    page.goto(live_server.url + "/organizations/united-nations/")
    page.screenshot(path=artifacts / "organization-375.png", full_page=True)
    context.close()


def test_pages_work_without_javascript(live_server, shipped_atlas, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/missions/")
    page.get_by_role("link", name="UNMOGIP", exact=True).click()
    assert "Pakistan" in page.get_by_role("region", name="Facts").inner_text()
    page.get_by_role("link", name="Skip to content").focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    context.close()


def test_skip_link_is_the_first_thing_a_keyboard_reaches(live_server, shipped_atlas, page):
    page.goto(live_server.url + "/missions/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    assert page.get_by_role("link", name="Skip to content").bounding_box()["y"] >= 0


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_main_pages_have_no_serious_accessibility_violations(
    live_server, shipped_atlas, audit_page, axe_source, path
):
    page = audit_page
    page.goto(live_server.url + path)
    page.add_script_tag(content=axe_source)
    result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {AXE_RULES}}})")
    serious = [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], serious


def test_reader_filters_the_directory_and_downloads_the_selection(
    live_server, shipped_atlas, page, artifacts
):
    page.goto(live_server.url + "/missions/")
    facets = page.get_by_role("navigation", name="Filter missions")
    facets.get_by_role("link", name="Africa", exact=True).click()
    facets.get_by_role("link", name="AU", exact=True).click()
    assert "region=africa" in page.url and "organization=african-union" in page.url
    in_africa = (
        Mission.objects.published()
        .peace_operations()
        .filter(region="africa", roles__organization__slug="african-union")
    )
    count = in_africa.distinct().count()
    assert page.locator("#result-count").inner_text().startswith(f"{count} missions match")
    page.get_by_label("Search acronym, name, summary and mandate").fill("Somalia")
    page.get_by_role("search", name="Missions").get_by_role("button", name="Search").click()
    shown = page.locator(".card-title a").all_inner_texts()
    assert "AMISOM" in shown and len(shown) < count
    page.screenshot(path=artifacts / "directory-1280.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == (
        "missions-q-somalia-organization-african-union-region-africa.csv"
    )
    standard = Path(download.path()).read_bytes()
    text = standard.decode("utf-8")
    assert text.splitlines()[0].startswith("acronym,name,slug,url")
    assert sorted(line.split(",")[0] for line in text.splitlines()[1:]) == sorted(shown)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV for Excel").click()
    excel = Path(download_info.value.path()).read_bytes()
    assert excel == b"\xef\xbb\xbf" + standard
    page.get_by_role("link", name="Clear filters").click()
    total = Mission.objects.published().peace_operations().count()
    assert page.locator("#result-count").inner_text().startswith(f"{total} missions match")


def test_reader_searches_the_whole_atlas_from_the_header(live_server, shipped_atlas, page):
    page.goto(live_server.url)
    page.get_by_label("Search the atlas").fill("Rwanda genocide")
    page.get_by_label("Search the atlas").press("Enter")
    results = page.get_by_role("region", name="Missions")
    assert "UNAMIR" in results.inner_text()
    assert page.locator("mark").count() > 0
    results.get_by_role("link", name="UNAMIR").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "UNAMIR"


def test_timeline_bars_and_map_countries_are_links(live_server, shipped_atlas, page, artifacts):
    page.goto(live_server.url + "/missions/timeline/")
    page.locator(".timeline-chart a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "UNTSO"
    page.goto(live_server.url + "/missions/map/")
    page.screenshot(path=artifacts / "map-1280.png", full_page=True)
    page.locator('.world-map a:has(title:text("Somalia"))').click()
    assert "country=SO" in page.url
    in_somalia = Mission.objects.published().peace_operations().filter(host_countries__country="SO")
    count = in_somalia.count()
    assert page.locator("#result-count").inner_text().startswith(f"{count} missions match")


def test_a_wide_mandate_matrix_scrolls_inside_its_region_at_phone_width(
    live_server, transactional_db, browser
):
    """Twelve resolutions make the matrix wider than a phone: it scrolls in its own region,
    and its visually hidden marks do not widen the page."""
    from tests.documents_factories import make_decision, make_document
    from tests.factories import make_mission

    mission = make_mission(acronym="WIDE", slug="wide")
    for number in range(12):
        make_decision(
            mission,
            make_document(2000 + number),
            first=(2003, number + 1),
            last=(2003, number + 1),
            first_line=100 + number,
            tasks=["prociv", "ddr_assist", "buffer_monitor", "election_assist"],
        )
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + mission.get_absolute_url())
    region = page.get_by_role("region", name=re.compile("Task groups by resolution"))
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
