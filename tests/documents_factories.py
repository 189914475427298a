"""Small builders for official documents and the mandates TAMM codes for them."""

import datetime
import itertools

from atlas.models import PublicationStatus
from documents.models import (
    DecisionAction,
    DocumentKind,
    IssuingBody,
    MandateTask,
    MissionDecision,
    OfficialDocument,
    YearBasis,
)
from sources.models import SourceKind
from tests.factories import make_source

_numbers = itertools.count(3000)


def make_document(number=None, year=2003, **fields):
    number = str(number or next(_numbers))
    fields.setdefault("body", IssuingBody.UN_SECURITY_COUNCIL)
    fields.setdefault("kind", DocumentKind.RESOLUTION)
    fields.setdefault("slug", f"{fields['body']}-{fields['kind']}-{number}-{year}".lower())
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("year_basis", YearBasis.TAMM_FIRST_MONTH)
    fields.setdefault("url", f"https://undocs.org/S/RES/{number}({year})")
    return OfficialDocument.objects.create(number=number, year=year, **fields)


def tamm_source():
    from sources.models import Source

    found = Source.objects.filter(slug="tamm-mandates").first()
    return found or make_source(slug="tamm-mandates", kind=SourceKind.DATASET, title="TAMM")


def make_decision(mission, document, first=(2003, 9), last=(2005, 10), tasks=(), **fields):
    first_month, last_month = datetime.date(*first, 1), datetime.date(*last, 1)
    months = (last_month.year - first_month.year) * 12 + last_month.month - first_month.month + 1
    fields.setdefault("action", DecisionAction.FIRST_MANDATE)
    fields.setdefault("first_line", 100)
    fields.setdefault("last_line", fields["first_line"] + months - 1)
    fields.setdefault("line_count", fields["last_line"] - fields["first_line"] + 1)
    fields.setdefault("tamm_label", document.number)
    fields.setdefault("mission_label", mission.acronym if mission else "UNKNOWN")
    decision = MissionDecision.objects.create(
        mission=mission,
        document=document,
        first_month=first_month,
        last_month=last_month,
        months=months,
        source=tamm_source(),
        **fields,
    )
    MandateTask.objects.bulk_create([MandateTask(decision=decision, task=code) for code in tasks])
    return decision
