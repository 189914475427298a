"""The General Assembly's approved budgets for 2026/27 (un-approved-budgets-2026-27.csv)."""

import datetime
from decimal import Decimal, InvalidOperation

from atlas.dataimport import Rejected, Report, csv_rows, sync
from datasets.importers.common import dataset_source, link_report
from datasets.missionnames import MissionNames
from datasets.models import Budget

FILE = "un-approved-budgets-2026-27.csv"
SOURCE = "un-approved-budgets-2026-27"
COLUMNS = ("mission_id", "approved_maintenance_usd_thousands", "fiscal_period", "source_symbol")
FIELDS = [
    "mission_id",
    "mission_label",
    "period_end",
    "amount_thousands",
    "document_symbol",
    "page",
    "url",
    "note",
    "row",
]


def fiscal_period(text):
    """'2026-07-01/2027-06-30' as two dates; anything else is rejected."""
    try:
        start, end = (datetime.date.fromisoformat(part) for part in text.strip().split("/"))
    except ValueError as error:
        raise Rejected(f"fiscal period {text!r} is not start/end dates") from error
    if end <= start:
        raise Rejected(f"fiscal period {text!r} ends before it starts")
    return start, end


def amount(text):
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError) as error:
        raise Rejected(f"approved amount {text!r} is not a number") from error
    if value < 0 or not value.is_finite():
        raise Rejected(f"approved amount {text!r} is not a budget")
    return value.quantize(Decimal("0.1"))


def import_budgets(directory):
    report = Report("Approved budgets", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    rows = []
    for line, row in csv_rows(directory / FILE, COLUMNS):
        where = f"{FILE} line {line}"
        label = (row["mission_id"] or "").strip()
        try:
            if not label:
                raise Rejected("no mission")
            start, end = fiscal_period(row["fiscal_period"] or "")
            value = amount(row["approved_maintenance_usd_thousands"])
            page = (row.get("pdf_page") or "").strip()
            if page and not page.isdigit():
                raise Rejected(f"page {page!r} is not a number")
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        match = names.resolve(row["mission_id"], start)
        if match.rule:
            report.rule(match.rule, where)
        rows.append(
            Budget(
                source=source,
                row=line,
                mission_id=match.mission_id,
                mission_label=match.acronym,
                period_start=start,
                period_end=end,
                amount_thousands=value,
                document_symbol=(row["source_symbol"] or "").strip(),
                page=int(page) if page else None,
                url=(row.get("official_url") or "").strip(),
                note=(row.get("scope_note") or "").strip()[:300],
            )
        )
    link_report(report, rows)
    sync(
        Budget,
        rows,
        key=lambda item: (item.mission_label, item.period_start),
        fields=FIELDS,
        report=report,
        existing=Budget.objects.filter(source=source),
    )
    return report
