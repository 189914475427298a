"""check_data lists where the data sets and the records disagree, and still passes."""

import datetime

import pytest
from django.core.management import call_command

from datasets.models import Fatality, PersonnelMonth
from sources.models import Citation, SourceKind
from tests.factories import make_mission, make_section, make_source
from website.data_quality import run_comparisons

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission():
    return make_mission(
        acronym="UNX",
        headquarters="Naqoura",
        start_date=datetime.date(2000, 6, 1),
        start_precision="month",
        end_date=datetime.date(2002, 6, 30),
        end_precision="month",
    )


@pytest.fixture
def source():
    return make_source(kind=SourceKind.DATASET, file_name="datasets/x.csv")


def month_row(mission, source, month, headquarters="Naqoura", row=2):
    return PersonnelMonth.objects.create(
        source=source,
        row=row,
        mission=mission,
        mission_label=mission.acronym,
        month=month,
        troops=10,
        police=0,
        observers=0,
        total=10,
        headquarters=headquarters,
    )


def differences(title):
    return dict(run_comparisons())[title]


def test_rows_inside_the_period_give_nothing_to_settle(mission, source):
    month_row(mission, source, datetime.date(2000, 6, 1))
    month_row(mission, source, datetime.date(2002, 6, 1), row=3)
    assert differences("Monthly personnel outside a mission's recorded dates") == []
    assert differences("Headquarters named otherwise by IPI") == []


def test_rows_before_the_start_or_after_the_end_are_listed(mission, source):
    month_row(mission, source, datetime.date(2000, 1, 1))
    month_row(mission, source, datetime.date(2003, 3, 1), row=3)
    found = [
        text for _, text in differences("Monthly personnel outside a mission's recorded dates")
    ]
    assert found == [
        "datasets/x.csv has monthly personnel from January 2000, before the recorded start "
        "(June 2000)",
        "datasets/x.csv has monthly personnel until March 2003, after the recorded end (June 2002)",
    ]


def test_a_fatality_after_the_end_is_listed(mission, source):
    Fatality.objects.create(
        source=source,
        row=9,
        mission=mission,
        mission_label="UNX",
        casualty_id="UNX-1",
        date=datetime.date(2004, 5, 2),
        last_update=datetime.date(2025, 4, 4),
    )
    [(found, text)] = differences("Fatalities outside a mission's recorded dates")
    assert found == mission and "until May 2004, after the recorded end" in text


def test_another_headquarters_name_is_listed(mission, source):
    month_row(mission, source, datetime.date(2001, 1, 1), headquarters="Naquora")
    month_row(mission, source, datetime.date(2001, 2, 1), headquarters="Naquora", row=3)
    [(_, text)] = differences("Headquarters named otherwise by IPI")
    assert text == (
        "IPI's monthly data name the headquarters 'Naquora' in 2 months; the record says 'Naqoura'"
    )


def test_check_data_prints_them_after_its_verdict_and_passes(mission, source, capsys):
    Citation.objects.create(mission=mission, section=make_section())
    month_row(mission, source, datetime.date(1999, 1, 1))
    call_command("check_data")  # no SystemExit: disagreements are not problems
    out = capsys.readouterr().out
    assert out.index("No problems found.") < out.index(
        "To settle: Monthly personnel outside a mission's recorded dates: 1"
    )
