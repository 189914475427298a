"""generate_synthetic: realistic shapes, plainly marked, repeatable, removable."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from lessons.models import Lesson
from missions.models import Mission
from tests.factories import make_theme
from website.data_quality import run_checks

pytestmark = pytest.mark.django_db


def test_generated_records_are_marked_cited_and_valid(client, capsys):
    make_theme()
    call_command("generate_synthetic", "--missions", "60", "--lessons", "120", "--seed", "7")
    assert "Generated 60 synthetic missions and 120 lessons" in capsys.readouterr().out
    missions = Mission.objects.all()
    assert missions.count() == 60 and all(m.slug.startswith("synthetic-") for m in missions)
    assert all("Synthetic" in m.summary for m in missions)
    assert Lesson.objects.count() == 120
    problems = dict(run_checks())
    assert problems["Published records without citations"] == []
    assert problems["Dates finer than their precision, or ending before they start"] == []
    mission = missions.first()
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "Synthetic benchmark data (not real)" in html
    assert client.get(reverse("search"), {"q": "synthetic"}).context["total"] > 0


def test_the_same_seed_gives_the_same_records():
    call_command("generate_synthetic", "--missions", "20", "--lessons", "0", "--seed", "3")
    first = list(Mission.objects.order_by("acronym").values_list("start_date", "region"))
    call_command("generate_synthetic", "--delete")
    assert not Mission.objects.exists()
    call_command("generate_synthetic", "--missions", "20", "--lessons", "0", "--seed", "3")
    assert list(Mission.objects.order_by("acronym").values_list("start_date", "region")) == first


def test_synthetic_missions_have_synthetic_figures_and_lose_them_with_delete(client):
    from datasets.models import DeploymentSite, Fatality, MissionFigures, PersonnelMonth
    from documents.models import OfficialDocument

    call_command("generate_synthetic", "--missions", "10", "--lessons", "0", "--seed", "5")
    active = Mission.objects.filter(end_date__isnull=True).first() or Mission.objects.first()
    html = client.get(active.get_absolute_url()).content.decode()
    # Every figure of the "In numbers" section is drawn, the budget for an active one too.
    for heading in ("Uniformed personnel", "Mandate by resolution", "Leaders", "Where it deployed"):
        assert f">{heading}</h3>" in html
    assert html.count('class="figure-empty"') <= 1
    assert MissionFigures.objects.count() == 10
    call_command("generate_synthetic", "--delete")
    assert not PersonnelMonth.objects.exists()
    assert not Fatality.objects.exists()
    assert not DeploymentSite.objects.exists()
    assert not OfficialDocument.objects.exists()
