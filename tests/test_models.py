"""Invariants that hold in the database, and how partial dates behave."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missions.dates import DatePrecision, describe_duration, format_partial_date
from missions.models import Mission, MissionOrganization, OperationalStatus, Role
from sources.models import Citation
from tests.factories import make_lesson, make_mission, make_organization, make_section

pytestmark = pytest.mark.django_db


def test_database_rejects_end_before_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mission(
            start_date=datetime.date(2000, 6, 1),
            start_precision=DatePrecision.MONTH,
            end_date=datetime.date(1999, 1, 1),
            end_precision=DatePrecision.DAY,
        )


def test_form_validation_explains_end_before_start():
    mission = Mission(
        acronym="X",
        slug="x",
        summary="s",
        start_date=datetime.date(2000, 6, 1),
        start_precision=DatePrecision.DAY,
        end_date=datetime.date(1999, 1, 1),
        end_precision=DatePrecision.DAY,
    )
    with pytest.raises(ValidationError) as error:
        mission.full_clean()
    assert "cannot be before the start date" in str(error.value)


def test_acronyms_are_unique_regardless_of_case():
    make_mission(acronym="UNFICYP")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mission(acronym="unficyp")


def test_one_role_per_mission_and_organization():
    organization = make_organization()
    mission = make_mission(organizations=[(organization, Role.LEAD)])
    with pytest.raises(IntegrityError), transaction.atomic():
        MissionOrganization.objects.create(
            mission=mission, organization=organization, role=Role.PARTNER
        )


def test_a_date_needs_its_precision():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mission(start_date=datetime.date(2000, 1, 1), start_precision="")


def test_a_citation_supports_exactly_one_record():
    section = make_section()
    mission = make_mission()
    lesson = make_lesson()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(section=section, mission=mission, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(section=section)


def test_clean_stores_partial_dates_at_the_edges_of_their_period():
    mission = Mission(
        acronym="Y",
        slug="y",
        summary="s",
        start_date=datetime.date(2004, 6, 17),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(2004, 3, 3),
        end_precision=DatePrecision.YEAR,
    )
    mission.full_clean()
    assert mission.start_date == datetime.date(2004, 6, 1)
    assert mission.end_date == datetime.date(2004, 12, 31)


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [
        (datetime.date(1964, 3, 27), DatePrecision.DAY, "27 March 1964"),
        (datetime.date(1964, 3, 1), DatePrecision.MONTH, "March 1964"),
        (datetime.date(1964, 1, 1), DatePrecision.YEAR, "1964"),
        (None, "", ""),
    ],
)
def test_partial_dates_are_shown_at_their_precision(value, precision, shown):
    assert format_partial_date(value, precision) == shown


def test_duration_is_no_finer_than_the_coarsest_date():
    assert (
        describe_duration(datetime.date(2004, 1, 1), "year", datetime.date(2017, 10, 31), "month")
        == "about 14 years"
    )
    assert (
        describe_duration(datetime.date(2004, 6, 1), "month", datetime.date(2017, 10, 31), "month")
        == "13 years, 5 months"
    )


def test_operational_status_follows_the_dates():
    assert make_mission(end_date=None).operational_status == OperationalStatus.ACTIVE
    closed = make_mission(end_date=datetime.date(2020, 12, 31), end_precision="day")
    assert closed.operational_status == OperationalStatus.CLOSED
    undated = make_mission(start_date=None, start_precision="")
    assert undated.operational_status == OperationalStatus.UNKNOWN


def test_records_read_well_in_lists():
    organization = make_organization(name="African Union", acronym="AU")
    mission = make_mission(acronym="AMISOM", name="African Union Mission in Somalia")
    assert str(organization) == "African Union (AU)"
    assert str(mission) == "AMISOM – African Union Mission in Somalia"


def test_saving_normalizes_partial_dates_without_a_form():
    mission = make_mission(
        start_date=datetime.date(2004, 6, 17),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(2004, 3, 3),
        end_precision=DatePrecision.YEAR,
    )
    mission.refresh_from_db()
    assert (mission.start_date, mission.end_date) == (
        datetime.date(2004, 6, 1),
        datetime.date(2004, 12, 31),
    )


def test_a_month_end_date_late_in_the_calendar_is_handled():
    mission = make_mission(end_date=datetime.date(9999, 12, 5), end_precision=DatePrecision.MONTH)
    assert mission.end_date == datetime.date(9999, 12, 31)


def test_a_line_of_successors_cannot_loop():
    first = make_mission()
    second = make_mission(predecessor=first)
    first.predecessor = second
    with pytest.raises(ValidationError):
        first.full_clean()


def test_an_organization_cannot_be_its_own_ancestor():
    parent = make_organization()
    child = make_organization(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_a_citation_names_a_real_field_of_its_record():
    citation = Citation(mission=make_mission(), section=make_section(), field="start-date")
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "no field 'start-date'" in str(error.value)
    Citation(
        mission=citation.mission, section=citation.section, field="host_countries"
    ).full_clean()


def test_an_ongoing_mission_is_measured_to_today():
    assert (
        describe_duration(
            datetime.date(1964, 3, 27), "day", None, "", today=datetime.date(2025, 3, 1)
        )
        == "60 years, 11 months"
    )
