"""Streaming CSV and JSON downloads whose columns are declared once and documented.

The open-data page renders the same Column declarations, so the documentation of a
column cannot drift from what the download contains.
"""

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.http import StreamingHttpResponse
from django.utils.text import slugify

CHUNK = 500
# The longest file name a download proposes, before its extension: a long search still
# leaves a name a file system and a reader can handle.
FILENAME_LIMIT = 100


# The Frictionless Data table schema types a column may declare (datapackage.json).
TYPES = ("string", "integer", "number", "date", "boolean")


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Any], Any]
    # Its Table Schema type: a list (one cell, ';'-separated in CSV) is a string.
    type: str = "string"

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}")


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer."""

    def write(self, value):
        return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(item) for item in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _safe_csv_text(value):
    # A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def _records(queryset):
    """A queryset's records in chunks, or a series already worked out (a list)."""
    if hasattr(queryset, "iterator"):
        return queryset.iterator(chunk_size=CHUNK)
    return iter(queryset)


# What tells Excel a CSV file is UTF-8: without it, Excel reads it in the computer's
# legacy code page and "Côte d'Ivoire" arrives garbled.
BYTE_ORDER_MARK = "\ufeff"


def csv_response(queryset, columns, filename, request=None, excel=False):
    """The rows as CSV; `excel` for the variant Excel opens as it is: the same rows, with a
    byte-order mark first (the lines end in CRLF in both, as RFC 4180 has them)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def rows():
        header = writer.writerow([column.name for column in columns])
        yield BYTE_ORDER_MARK + header if excel else header
        for record in _records(queryset):
            yield writer.writerow(
                [_safe_csv_text(_cell(column.value(record, request))) for column in columns]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    suffix = "-excel" if excel else ""
    response["Content-Disposition"] = f'attachment; filename="{filename}{suffix}.csv"'
    return response


def json_response(queryset, columns, filename, request=None):
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        yield "["
        for index, record in enumerate(_records(queryset)):
            item = {column.name: column.value(record, request) for column in columns}
            yield ("," if index else "") + "\n" + encoder.encode(item)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def _filename_part(text):
    # slugify keeps underscores; a file name reads the same with hyphens throughout.
    return slugify(str(text)).replace("_", "-").strip("-")


def _filter_value(form, name, value):
    """A filter's value as the address gives it: a record by the slug it was chosen by,
    a whole number without its decimals."""
    if isinstance(value, Model):
        return form.data.get(name, "")
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, (list, tuple)):
        return " ".join(str(item) for item in value)
    return value


def selection_filename(base, form, ignore=("sort",)):
    """The name of a download of a filtered selection: `base` then each filter in use with
    its value, in the form's order ('missions-organization-un-region-africa').

    Only a-z, 0-9 and '-', and at most FILENAME_LIMIT characters, so no query string can
    put anything else into the Content-Disposition header. The order is not a filter.
    """
    if not form.is_bound or not form.is_valid():
        return base
    parts = [base]
    for name in form.fields:
        value = form.cleaned_data.get(name)
        if name in ignore or value in (None, "", [], ()):
            continue
        text = _filename_part(_filter_value(form, name, value))
        if text:
            parts += [_filename_part(name), text]
    return "-".join(parts)[:FILENAME_LIMIT].rstrip("-")


def absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path
