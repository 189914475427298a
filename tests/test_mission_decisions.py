"""The mission page's "Decisions": what authorized, established, renewed, changed or ended
the operation, and how it ended where no decision did."""

import datetime
import re

import pytest

from atlas.models import PublicationStatus
from atlas.search import rebuild_index
from documents.models import Milestone, MilestoneAction
from missions.dates import DatePrecision
from tests.documents_factories import make_document
from tests.factories import cite, make_mission, make_section, make_source
from website.search import search

pytestmark = pytest.mark.django_db


def decisions(response):
    """The section's HTML, its whitespace collapsed."""
    html = " ".join(response.content.decode().split())
    start = html.index('id="decisions"')
    return html[start : html.index("<h2", start)]


def closed_mission(**fields):
    return make_mission(
        start_date=datetime.date(1973, 10, 25),
        start_precision=DatePrecision.DAY,
        end_date=datetime.date(1979, 7, 24),
        end_precision=DatePrecision.DAY,
        **fields,
    )


def test_each_decision_links_its_page_and_its_official_text_in_date_order(client):
    mission = closed_mission()
    ending = make_document(number=450, year=1979, date=datetime.date(1979, 5, 30))
    start = make_document(number=340, year=1973, date=datetime.date(1973, 10, 25))
    Milestone.objects.create(mission=mission, document=ending, action=MilestoneAction.ENDED)
    Milestone.objects.create(
        mission=mission,
        document=start,
        action=MilestoneAction.ESTABLISHED,
        note="Set up the force between the armies.",
    )

    part = decisions(client.get(mission.get_absolute_url()))

    assert part.index("340") < part.index("450")
    assert "<strong>established it</strong>. Set up the force between the armies." in part
    assert f'href="{start.get_absolute_url()}"' in part
    assert 'href="https://undocs.org/S/RES/450(1979)"' in part
    assert "No decision ended it" not in part


def test_an_unpublished_document_is_left_out(client):
    mission = closed_mission()
    draft = make_document(number=451, year=1979, status=PublicationStatus.DRAFT)
    Milestone.objects.create(mission=mission, document=draft, action=MilestoneAction.ENDED)

    part = decisions(client.get(mission.get_absolute_url()))

    assert "451" not in part
    assert "No decision on this mission is recorded yet." in part


def test_how_it_ended_stands_under_the_decisions_with_its_numbered_note(client):
    source = make_source(slug="wikipedia-unef-ii", title="Second UN Emergency Force")
    mission = closed_mission(
        ending="The Council let the mandate lapse, and the force withdrew.[^wikipedia-unef-ii]",
        body="The force deployed in 1973.[^wikipedia-unef-ii]",
    )
    start = make_document(number=340, year=1973)
    Milestone.objects.create(mission=mission, document=start, action=MilestoneAction.ESTABLISHED)
    section = make_section(source=source)
    cite(mission, section, field="ending", locator="Withdrawal")
    cite(mission, section, field="body", locator="Deployment")

    response = client.get(mission.get_absolute_url())
    part = decisions(response)

    assert "No decision ended it" in part
    assert "the force withdrew." in part and "[^" not in response.content.decode()
    # The ending's note comes before the body's, as the page reads.
    ending_note = int(re.search(r"withdrew\.<sup[^>]*>.*?#cite-(\d+)", part, re.S).group(1))
    assert ending_note == 1
    assert "No decision on this mission is recorded yet." not in part


def test_an_operation_with_neither_says_no_decision_is_recorded(client):
    part = decisions(client.get(closed_mission().get_absolute_url()))
    assert "No decision on this mission is recorded yet." in part


def test_the_search_finds_an_operation_by_how_it_ended():
    closed_mission(acronym="LAPSED", ending="Its mandate lapsed after a veto.[^x]")
    rebuild_index()
    assert search("veto")["mission"]["hits"][0].title.startswith("LAPSED")
