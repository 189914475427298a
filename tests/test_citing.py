"""Record pages say how to cite them (APA, Chicago, BibTeX) and describe themselves in
schema.org JSON-LD."""

import datetime
import json
import re

import pytest

from atlas.citing import citations
from tests.documents_factories import make_document
from tests.factories import (
    make_lesson,
    make_mission,
    make_organization,
    make_source,
    make_topic,
)

pytestmark = pytest.mark.django_db


def json_ld(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_a_mission_page_gives_three_citations_with_its_address_and_review_date(client):
    mission = make_mission(acronym="UNFICYP", name="United Nations Force in Cyprus")
    reviewed = mission.updated_at.date()
    html = client.get(mission.get_absolute_url()).content.decode()
    url = "http://testserver" + mission.get_absolute_url()
    assert "Cite this page" in html
    assert f"UNFICYP – United Nations Force in Cyprus. ({reviewed.year}, " in html
    assert "In Peacekeeping Atlas. Retrieved " in html and url in html
    assert f"@misc{{atlas-mission-{mission.slug}," in html
    data = json_ld(html)
    assert (data["@type"], data["url"], data["lastReviewed"]) == (
        "WebPage",
        url,
        reviewed.isoformat(),
    )
    assert data["about"]["@type"] == "Event"


@pytest.mark.parametrize(
    "make, kind",
    [
        (make_organization, "Organization"),
        (make_lesson, "CreativeWork"),
        (make_topic, "DefinedTerm"),
        (lambda: make_document(number=1509, year=2003), "Legislation"),
        (make_source, "CreativeWork"),  # the atlas's page on the source, as read there
    ],
)
def test_every_record_page_describes_itself(client, make, kind):
    record = make()
    html = client.get(record.get_absolute_url()).content.decode()
    assert "Cite this page" in html
    assert json_ld(html)["about"]["@type"] == kind


def test_the_formats_read_as_their_styles_ask(rf):
    mission = make_mission(acronym="MONUSCO", name="")
    mission.updated_at = datetime.datetime(2026, 6, 3, 12, tzinfo=datetime.UTC)
    found = citations(
        mission, "https://atlas.example/missions/monusco/", datetime.date(2026, 12, 3)
    )
    assert found["apa"] == (
        "MONUSCO. (2026, June 3). In Peacekeeping Atlas. Retrieved December 3, 2026, from "
        "https://atlas.example/missions/monusco/"
    )
    assert found["chicago"] == (
        "“MONUSCO.” Peacekeeping Atlas. Last modified June 3, 2026. Accessed December 3, 2026. "
        "https://atlas.example/missions/monusco/."
    )
    assert "note = {Last reviewed 2026-06-03; accessed 2026-12-03}" in found["bibtex"]


def test_a_name_cannot_break_out_of_the_json_ld_or_the_bibtex(client):
    mission = make_mission(acronym="X</script><b>", name="{evil} \\end")
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "</script><b>" not in html
    assert json_ld(html)["name"].startswith("X</script><b>")
    assert "title = {X&lt;/script&gt;&lt;b&gt; – evil end}" in html
