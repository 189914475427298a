"""Importing someone else's data set: its rows with their line numbers, named rules, a
report, and one transaction.

Every importer reads a file into unsaved model instances, applying its quirk rules as it
goes: a rule that repairs a value is counted under its name, a row that cannot be taken is
rejected with its line and the reason. `sync` then makes the table's rows of that file equal
to what was read, in bulk, so a second run over the same file creates and changes nothing.
`run` does all of it in one transaction, undone for a dry run or, with --strict, when any
row was rejected.
"""

import csv
import math
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from atlas import freshness

BATCH = 1000
# How many rejections a report lists one by one before it only counts them.
LISTED_REJECTIONS = 200


class ImportProblem(Exception):
    """The import cannot run at all: a file is missing, unreadable or not the expected one."""


class Rejected(Exception):
    """A row, or one value of it, that cannot be taken; the message says why."""


@dataclass
class Report:
    """What one part of an import did, row by row where it matters."""

    name: str
    file: str = ""
    counts: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    rule_examples: dict = field(default_factory=dict)
    rejections: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def rule(self, name, where=""):
        """Count one application of the named rule; keep the first place it applied."""
        self.rules[name] += 1
        self.rule_examples.setdefault(name, where)

    def reject(self, where, reason):
        self.counts["rejected"] += 1
        self.rejections.append((where, reason))

    def note(self, text):
        self.notes.append(text)

    @property
    def rejected(self):
        return self.counts["rejected"]

    @property
    def summary(self):
        return ", ".join(
            f"{outcome} {self.counts[outcome]}"
            for outcome in ("created", "updated", "unchanged", "rejected")
        )

    def lines(self):
        label = f"{self.name} ({self.file})" if self.file else self.name
        yield f"{label}:"
        for name, count in sorted(self.rules.items()):
            example = self.rule_examples.get(name)
            yield f"  rule {name!r}: {count:,} row{'s' if count != 1 else ''}" + (
                f", first at {example}" if example else ""
            )
        for where, reason in self.rejections[:LISTED_REJECTIONS]:
            yield f"  rejected {where}: {reason}"
        if len(self.rejections) > LISTED_REJECTIONS:
            yield f"  … and {len(self.rejections) - LISTED_REJECTIONS:,} more rejections"
        for text in self.notes:
            yield f"  {text}"
        if self.counts["removed"]:
            yield f"  removed {self.counts['removed']:,} rows no longer in the file"
        yield f"  {self.summary}"

    def write_csv(self, writer):
        for where, reason in self.rejections:
            writer.writerow([self.name, where, "rejected", reason])
        for name, count in sorted(self.rules.items()):
            writer.writerow(
                [self.name, self.rule_examples.get(name, ""), "rule", f"{name} ×{count}"]
            )


def total_summary(reports):
    totals = Counter()
    for report in reports:
        totals.update(report.counts)
    return ", ".join(
        f"{outcome} {totals[outcome]}"
        for outcome in ("created", "updated", "unchanged", "rejected")
    )


# --- reading -----------------------------------------------------------------------------


def require(path):
    path = Path(path)
    if not path.is_file():
        raise ImportProblem(f"{path} is missing")
    return path


def csv_rows(path, expected_columns=()):
    """(line number, row as a dict) for each data row; line 1 is the header."""
    path = require(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in expected_columns if name not in (reader.fieldnames or ())]
            if missing:
                raise ImportProblem(f"{path.name} has no column {', '.join(missing)}")
            # DictReader counts physical lines, so a quoted line break keeps numbers true.
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError as error:
        raise ImportProblem(f"{path.name} is not UTF-8 text ({error.reason})") from error
    except csv.Error as error:
        raise ImportProblem(f"{path.name} is not readable CSV: {error}") from error


def stata_rows(path, expected_columns=()):
    """(row number from 1, row as a dict) from a Stata .dta file, read with pandas.

    Coded columns stay codes (convert_categoricals=False): the codebooks decode them in
    the importers, where each decoding is a named rule. Missing values become None.
    """
    import pandas  # a large library, loaded only by the importers that need it

    path = require(path)
    # A truncated or foreign file fails deep in pandas' parser with any of these.
    try:
        frame = pandas.read_stata(path, convert_categoricals=False, convert_missing=False)
    except (ValueError, OSError, struct.error, KeyError, IndexError, OverflowError) as error:
        raise ImportProblem(f"{path.name} is not a readable Stata file: {error}") from error
    missing = [name for name in expected_columns if name not in frame.columns]
    if missing:
        raise ImportProblem(f"{path.name} has no column {', '.join(missing)}")
    columns = list(frame.columns)
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        yield number, {name: _plain(value) for name, value in zip(columns, values, strict=True)}


def excel_rows(path, expected_columns=(), max_col=None, sheet=None):
    """(row number as Excel shows it, row as a dict) from the first (or named) sheet, read
    with openpyxl in read-only mode; row 1 is the header."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = require(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise ImportProblem(f"{path.name} is not a readable Excel file: {error}") from error
    try:
        worksheet = workbook[sheet] if sheet else workbook.active
        rows = worksheet.iter_rows(values_only=True, max_col=max_col)
        header = [str(name).strip() if name is not None else "" for name in next(rows, ())]
        missing = [name for name in expected_columns if name not in header]
        if missing:
            raise ImportProblem(f"{path.name} has no column {', '.join(missing)}")
        for number, values in enumerate(rows, start=2):
            if not any(value not in (None, "") for value in values):
                continue
            yield number, dict(zip(header, values, strict=False))
    finally:
        workbook.close()


def _plain(value):
    """A pandas cell as a plain Python value: NaN and NaT become None, numpy numbers int/float."""
    if value is None:
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in {"NaTType"}:
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value


# --- writing -----------------------------------------------------------------------------


def sync(model, rows, key, fields, report, existing=None):
    """Make the stored rows of one file equal to `rows` (unsaved instances).

    `key(instance)` identifies a row across runs (usually the file's own row number or id);
    `fields` are compared to tell updated from unchanged. Rows stored before but no longer
    in the file are deleted and counted as removed. `existing` narrows the stored rows to
    this file's (default: all of the model's).
    """
    stored = {
        key(item): item for item in (existing if existing is not None else model.objects.all())
    }
    create, update = [], []
    for item in rows:
        old = stored.pop(key(item), None)
        if old is None:
            create.append(item)
            continue
        changed = [name for name in fields if getattr(old, name) != getattr(item, name)]
        if changed:
            for name in fields:
                setattr(old, name, getattr(item, name))
            update.append(old)
        else:
            report.counts["unchanged"] += 1
    model.objects.bulk_create(create, batch_size=BATCH)
    if update:
        model.objects.bulk_update(update, fields, batch_size=BATCH)
    if stored:
        model.objects.filter(pk__in=[item.pk for item in stored.values()]).delete()
    report.counts["created"] += len(create)
    report.counts["updated"] += len(update)
    report.counts["removed"] += len(stored)


class DryRun(Exception):
    """Raised inside the transaction to undo it."""


def run(parts, dry_run=False, strict=False):
    """Run each part (a callable taking nothing and returning its Report) in one transaction.

    Returns (reports, written). Nothing is written for a dry run, or with `strict` when any
    part rejected a row; an ImportProblem in any part undoes every part.
    """
    reports = []
    try:
        with transaction.atomic():
            for part in parts:
                reports.append(part())
            freshness.bump()  # bulk writes pass by the signals that bump it
            if dry_run or (strict and any(report.rejected for report in reports)):
                raise DryRun
    except DryRun:
        return reports, False
    return reports, True
