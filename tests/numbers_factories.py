"""Hand-made data set rows for the numbers page and the downloads: a few missions with monthly
strength, authorized strength, operations' estimates, fatalities, deployment sites and a
budget, each row citing the data set's own source record."""

import datetime
from decimal import Decimal

from datasets.models import (
    AuthorizedMonth,
    Budget,
    DeploymentSite,
    Fatality,
    OperationPersonnelMonth,
    PersonnelMonth,
)
from sources.models import SourceKind
from tests.factories import make_mission, make_source

SLUGS = {
    "ipi": "ipi-providing-for-peacekeeping-personnel",
    "authorized": "authorized-vs-deployed-personnel",
    "estimates": "un-and-non-un-peacekeeping",
    "fatalities": "un-peacekeeping-fatalities-dppadposs",
    "deployments": "geo-pko-deployments",
    "budgets": "un-approved-budgets-2026-27",
}


def data_sources():
    """{key: Source} for every data set the page and the downloads read."""
    return {
        key: make_source(
            slug=slug,
            title=f"Data set {key}",
            kind=SourceKind.DATASET,
            file_name=f"datasets/{key}.csv",
            url=f"https://example.org/{key}",
        )
        for key, slug in SLUGS.items()
    }


def month(year, number):
    return datetime.date(year, number, 1)


# May, June and August 2010: July is missing, as November 2016 is from IPI's file.
MONTHS = (month(2010, 5), month(2010, 6), month(2010, 8))


def make_numbers(missions=2, months=MONTHS):
    """`missions` missions with figures in `months` (July 2010 left out: a gap), plus rows
    of an operation the atlas does not describe. Returns (sources, missions)."""
    sources = data_sources()
    made = [
        make_mission(acronym=f"PKO{index}", slug=f"pko-{index}", countries=("CD",))
        for index in range(missions)
    ]
    line = 1
    personnel, authorized, operations, deaths, sites, budgets = [], [], [], [], [], []
    for index, mission in enumerate(made):
        for day in months:
            line += 1
            troops = 1000 * (index + 1)
            personnel.append(
                PersonnelMonth(
                    source=sources["ipi"],
                    row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    month=day,
                    troops=troops,
                    police=10,
                    observers=5,
                    total=troops + 15,
                    contributors=3,
                    country="CD",
                )
            )
            authorized.append(
                AuthorizedMonth(
                    source=sources["authorized"],
                    row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    month=day,
                    total=Decimal(troops + 500),
                )
            )
            operations.append(
                OperationPersonnelMonth(
                    source=sources["estimates"],
                    row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    operation=100 + index,
                    organization_kind="un" if index % 2 == 0 else "regional",
                    police_only=False,
                    conflict=200 + index,
                    conflict_episode=1,
                    conflict_country="DR Congo",
                    conflict_active=True,
                    incompatibility="government",
                    month=day,
                    troops=troops,
                    police=10,
                    observers=5,
                    total=troops + 15,
                    interpolated=day.month != 8,
                    counted=True,
                )
            )
        for number in range(index + 1):
            line += 1
            deaths.append(
                Fatality(
                    source=sources["fatalities"],
                    row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    casualty_id=f"{mission.acronym}-{number}",
                    date=datetime.date(2008 + number % 3, 3, 1),
                    personnel_type="military",
                    incident_type="accident" if number % 2 else "malicious-act",
                    nationality="NP",
                    nationality_label="Nepal",
                    last_update=datetime.date(2025, 4, 4),
                )
            )
        line += 1
        sites.append(
            DeploymentSite(
                source=sources["deployments"],
                row=line,
                mission=mission,
                mission_label=mission.acronym,
                year=2010,
                country="CD",
                country_label="DRC",
                location=f"Site {index}",
                latitude=Decimal("-1.5"),
                longitude=Decimal("29.2"),
                troops=650,
                troops_low=650,
                troops_high=650,
                police=True,
                observers=False,
                medical=False,
                air_units=0,
                headquarters=3,
                lines=[line],
            )
        )
        line += 1
        budgets.append(
            Budget(
                source=sources["budgets"],
                row=line,
                mission=mission,
                mission_label=mission.acronym,
                period_start=datetime.date(2026, 7, 1),
                period_end=datetime.date(2027, 6, 30),
                amount_thousands=Decimal("1234.5"),
                document_symbol="A/C.5/80/20",
                url="https://docs.un.org/en/A/C.5/80/20",
            )
        )
    # A mission the file names that the atlas does not describe: it counts worldwide.
    line += 1
    personnel.append(
        PersonnelMonth(
            source=sources["ipi"],
            row=line,
            mission_label="UNLINKED",
            month=months[0],
            troops=7,
            police=0,
            observers=0,
            total=7,
        )
    )
    line += 1
    deaths.append(
        Fatality(
            source=sources["fatalities"],
            row=line,
            mission_label="UNLINKED",
            casualty_id="UNLINKED-1",
            date=datetime.date(1993, 6, 1),
            incident_type="",
            last_update=datetime.date(2025, 4, 4),
        )
    )
    PersonnelMonth.objects.bulk_create(personnel)
    AuthorizedMonth.objects.bulk_create(authorized)
    OperationPersonnelMonth.objects.bulk_create(operations)
    Fatality.objects.bulk_create(deaths)
    DeploymentSite.objects.bulk_create(sites)
    Budget.objects.bulk_create(budgets)
    return sources, made
