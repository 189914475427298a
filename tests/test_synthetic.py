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
