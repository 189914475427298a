"""Synthetic figures for synthetic missions: monthly strength, authorized strength,
fatalities, leaders, deployment sites, contributions and a mandate, so a benchmark's
mission page does all the work a real one does. Every row cites the synthetic source and
belongs to a mission whose slug starts with `synthetic-`; none describes a real operation.
"""

import datetime
from decimal import Decimal

from datasets.models import (
    AuthorizedMonth,
    Budget,
    ContributionMonth,
    DeploymentSite,
    Fatality,
    PersonnelMonth,
)
from datasets.models.leaders import Appointment, Post
from datasets.summaries import refresh
from documents.models import (
    DecisionAction,
    DocumentKind,
    IssuingBody,
    MandateTask,
    MissionDecision,
    OfficialDocument,
    YearBasis,
)
from documents.tasks import TASK_CODES
from missions.regions import REGION_OF_COUNTRY

MONTHS = 24  # a mission's synthetic monthly series
BATCH = 2000


def _month(start, offset):
    number = start.month - 1 + offset
    return datetime.date(start.year + number // 12, number % 12 + 1, 1)


def generate_series(missions, source, rng):
    """Add each synthetic mission's figures; `missions` are saved Mission objects."""
    codes = list(REGION_OF_COUNTRY)
    personnel, authorized, deaths, leaders, sites, contributions = [], [], [], [], [], []
    decisions, tasks, budgets = [], [], []
    documents = OfficialDocument.objects.bulk_create(
        (
            OfficialDocument(
                slug=f"synthetic-resolution-{mission.pk}",
                status="published",
                body=IssuingBody.UN_SECURITY_COUNCIL,
                kind=DocumentKind.RESOLUTION,
                number=str(900000 + mission.pk),
                year=(mission.start_date or datetime.date(2000, 1, 1)).year,
                year_basis=YearBasis.TAMM_FIRST_MONTH,
                title=f"Synthetic resolution for {mission.acronym} (not real)",
            )
            for mission in missions
        ),
        batch_size=BATCH,
    )
    line = 0
    for mission, document in zip(missions, documents, strict=True):
        start = (mission.start_date or datetime.date(2000, 1, 1)).replace(day=1)
        size = rng.randint(100, 20000)
        for offset in range(MONTHS):
            line += 1
            troops = max(0, int(size * rng.uniform(0.6, 1.0)))
            police, observers = troops // 10, troops // 50
            month = _month(start, offset)
            common = {"source": source, "row": line, "mission": mission}
            personnel.append(
                PersonnelMonth(
                    **common,
                    mission_label=mission.acronym,
                    month=month,
                    troops=troops,
                    police=police,
                    observers=observers,
                    total=troops + police + observers,
                    contributors=rng.randint(1, 40),
                )
            )
            authorized.append(
                AuthorizedMonth(
                    **common,
                    mission_label=mission.acronym,
                    month=month,
                    troops=Decimal(size),
                    police=Decimal(size // 10),
                    observers=Decimal(size // 50),
                    total=Decimal(size + size // 10 + size // 50),
                )
            )
        for number in range(rng.randint(0, 5)):
            line += 1
            day = _month(start, rng.randrange(MONTHS)) + datetime.timedelta(days=rng.randint(0, 27))
            deaths.append(
                Fatality(
                    source=source,
                    row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    casualty_id=f"SYN-{mission.pk}-{number}",
                    date=day,
                    personnel_type=rng.choice(["military", "police", "local"]),
                    incident_type=rng.choice(["malicious-act", "accident", "illness"]),
                    nationality=rng.choice(codes),
                    last_update=max(day, datetime.date(2025, 4, 4)),
                )
            )
        for post in (Post.values[0], Post.values[1]):
            line += 1
            leaders.append(
                Appointment(
                    source=source,
                    row=line,
                    last_row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    post=post,
                    last_name=f"Synthetic Leader {line}",
                    gender="male" if line % 2 else "female",
                    nationality=rng.choice(codes),
                    start_year=start.year,
                    end_year=start.year + 1,
                )
            )
        country = rng.choice(codes)
        for offset, year in enumerate((start.year, start.year + 1)):
            for place in range(4):
                line += 1
                troops = rng.randint(50, 2000)
                sites.append(
                    DeploymentSite(
                        source=source,
                        row=line,
                        mission=mission,
                        mission_label=mission.acronym,
                        year=max(year, 1945),
                        country=country,
                        country_label="Synthetic country",
                        location=f"Synthetic site {place + 1}",
                        latitude=Decimal(rng.uniform(-30, 30)).quantize(Decimal("0.000001")),
                        longitude=Decimal(rng.uniform(-20, 60)).quantize(Decimal("0.000001")),
                        troops=troops,
                        troops_low=troops,
                        troops_high=troops,
                        police=bool(place % 2),
                        observers=bool(offset),
                        medical=False,
                        air_units=0,
                        headquarters=3 if place == 0 else 0,
                        lines=[line],
                    )
                )
        for code in rng.sample(codes, 5):
            line += 1
            troops = rng.randint(10, 900)
            contributions.append(
                ContributionMonth(
                    source=source,
                    row=line,
                    record=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    month=start,
                    country=code,
                    country_label="Synthetic contributor",
                    police=0,
                    formed_police=0,
                    experts=0,
                    troops=troops,
                    total=troops,
                    female_total=troops // 20,
                )
            )
        if mission.end_date is None:
            line += 1
            budgets.append(
                Budget(
                    source=source,
                    row=line,
                    mission=mission,
                    mission_label=mission.acronym,
                    period_start=datetime.date(2026, 7, 1),
                    period_end=datetime.date(2027, 6, 30),
                    amount_thousands=Decimal(rng.randint(10_000, 1_000_000)),
                    document_symbol="SYNTHETIC",
                    url="https://example.org/synthetic-budget",
                    note="Synthetic benchmark figure; not real.",
                )
            )
        line += 1
        decisions.append(
            MissionDecision(
                document=document,
                mission=mission,
                mission_label=mission.acronym,
                action=DecisionAction.FIRST_MANDATE,
                first_month=start,
                last_month=_month(start, MONTHS - 1),
                months=MONTHS,
                tamm_label=document.number,
                source=source,
                first_line=line,
                last_line=line,
                line_count=1,
            )
        )
    for model, rows in (
        (PersonnelMonth, personnel),
        (AuthorizedMonth, authorized),
        (Fatality, deaths),
        (Appointment, leaders),
        (DeploymentSite, sites),
        (ContributionMonth, contributions),
        (Budget, budgets),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH)
    for decision in MissionDecision.objects.bulk_create(decisions, batch_size=BATCH):
        tasks.extend(
            MandateTask(decision=decision, task=code) for code in rng.sample(TASK_CODES, 6)
        )
    MandateTask.objects.bulk_create(tasks, batch_size=BATCH)
    refresh()


def delete_series(source):
    """Remove the synthetic figures: every row citing the synthetic source, and the
    synthetic documents with their decisions and tasks."""
    OfficialDocument.objects.filter(slug__startswith="synthetic-").delete()
    for model in (
        PersonnelMonth,
        AuthorizedMonth,
        Fatality,
        Appointment,
        DeploymentSite,
        ContributionMonth,
        Budget,
    ):
        model.objects.filter(source=source).delete()
    MissionDecision.objects.filter(source=source).delete()
