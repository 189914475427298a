"""The timeline and the map on a 375 px phone: readable labels, a scroll cue, a framed map."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, bypass_csp=True)
    yield context.new_page()
    context.close()


def serious_violations(page, axe_source, selector):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "async ([selector, rules]) => await axe.run(selector, {runOnly: rules})",
        [selector, AXE_RULES],
    )
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_the_timeline_on_a_phone_starts_at_the_selection_with_readable_labels(
    live_server, shipped_atlas, phone, artifacts, axe_source
):
    phone.goto(live_server.url + "/missions/timeline/?start_from=2000")
    chart = phone.locator("figure.timeline-chart")
    chart.scroll_into_view_if_needed()
    assert chart.locator(".tick-label").first.text_content() == "2000"
    label = chart.locator(".bar-label").first
    # The rendered size: the computed font size in the drawing's units times its scale.
    rendered = label.evaluate(
        "text => parseFloat(getComputedStyle(text).fontSize)"
        " * text.ownerSVGElement.getScreenCTM().a"
    )
    assert rendered >= 11, rendered
    assert label.bounding_box()["height"] >= 11
    cue = chart.get_by_text("Scroll the chart sideways for later years")
    assert cue.is_visible()
    scroller = chart.locator(".timeline-scroller")
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first_bar = chart.locator("rect").first.bounding_box()
    assert 0 <= first_bar["x"] < PHONE["width"]  # the first mission is on screen, not cut off
    phone.screenshot(path=artifacts / "phone-timeline-375.png")
    assert serious_violations(phone, axe_source, "figure.timeline-chart") == []


def test_the_map_on_a_phone_frames_the_selections_countries(
    live_server, shipped_atlas, phone, artifacts, axe_source
):
    phone.goto(live_server.url + "/missions/map/?country=ML")
    drawing = phone.locator("figure.world-map svg")
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 180, box
    mali = drawing.locator("a path").first
    assert mali.is_visible()
    shape = mali.bounding_box()
    assert shape["width"] >= 60, shape  # Mali is drawn large, not a speck on the world
    assert box["x"] <= shape["x"] and shape["x"] + shape["width"] <= box["x"] + box["width"]
    assert phone.get_by_role("listitem").filter(has_text="or more").count() == 0
    phone.screenshot(path=artifacts / "phone-map-375.png")
    assert serious_violations(phone, axe_source, "figure.world-map") == []
