"""The directory on a phone and from the keyboard: results first, filters one tap away."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}  # a small phone's first screen


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_the_first_result_is_on_a_phones_first_screen(live_server, shipped_atlas, phone, artifacts):
    for path in ("/missions/", "/missions/?view=table"):
        phone.goto(live_server.url + path)
        first = phone.locator("#results a").first
        box = first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"{path}: first result at {box}"
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.goto(live_server.url + "/missions/")
    phone.screenshot(path=artifacts / "directory-375.png")
    # The facets wait folded under one line; a tap opens them.
    africa = phone.get_by_role("navigation", name="Filter missions").get_by_role(
        "link", name="Africa", exact=True
    )
    assert not africa.is_visible()
    phone.get_by_text("Filters and sorting").click()
    assert africa.is_visible()
    phone.screenshot(path=artifacts / "directory-375-filters.png", full_page=True)
    africa.click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Missions in Africa"
    assert "1 active" in phone.locator(".facet-panel > summary").inner_text()


def test_the_table_scrolls_inside_its_region_on_a_phone(
    live_server, shipped_atlas, phone, artifacts
):
    phone.goto(live_server.url + "/missions/?view=table&region=africa")
    region = phone.locator("#results")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=artifacts / "directory-table-375.png")


def test_the_keyboard_reaches_the_first_result_in_five_presses(live_server, shipped_atlas, browser):
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(live_server.url + "/missions/")
        first = page.locator("#results a").first.get_attribute("href")
        presses = []
        for key in ("Tab", "Tab", "Enter", "Tab"):
            page.keyboard.press(key)
            presses.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert presses[:2] == ["Skip to content", "Skip to results"]
        assert page.evaluate("document.activeElement.getAttribute('href')") == first
        assert len(presses) <= 5
        context.close()


def test_the_filters_are_an_open_sidebar_on_a_wide_screen(live_server, shipped_atlas, page):
    page.goto(live_server.url + "/missions/")
    facets = page.get_by_role("navigation", name="Filter missions")
    assert facets.get_by_role("link", name="Africa", exact=True).is_visible()
    assert not page.get_by_text("Filters and sorting").is_visible()
    results = page.locator("#results").bounding_box()
    assert facets.bounding_box()["x"] < results["x"]  # beside the results, on their left
    page.get_by_label("Sort by").select_option("-start")
    page.get_by_role("button", name="Apply").click()
    assert "sort=-start" in page.url
    page.get_by_role("link", name="a table").click()
    assert page.get_by_role("columnheader", name="Start").get_attribute("aria-sort") == (
        "descending"
    )
    page.get_by_role("link", name="Peak strength").click()
    assert "sort=strength" in page.url and "view=table" in page.url
