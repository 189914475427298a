"""Dates known only to a year or a month, and how they are shown.

Sources often give just a year; a date is stored as the first day of its period
together with its precision, and is never shown more precisely than that.
"""

import calendar
import datetime

from django.db import models


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def format_partial_date(value, precision):
    """Render a date at the precision its source gives ('1964', 'March 1964', '27 March 1964')."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def period_start(value, precision):
    """The first day of the period a partial date stands for (how start dates are stored)."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return datetime.date(value.year, value.month, 1)
    return value


def period_end(value, precision):
    """The last day of the period a partial date stands for (how end dates are stored).

    Storing ends at the end of their period keeps 'end not before start' true for
    a mission that starts in June 2004 and is known only to end "in 2004".
    """
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last_day = calendar.monthrange(value.year, value.month)[1]
        return datetime.date(value.year, value.month, last_day)
    return value


def describe_duration(start, start_precision, end, end_precision, today=None):
    """Length of a mission in words, no finer than its coarsest date ('about 16 years').

    The end day counts (a mission from 1 June 2004 to October 2017 lasted 13 years and
    5 months); a mission with no recorded end is measured to today.
    """
    if start is None:
        return ""
    if end is None:
        end, end_precision = today or datetime.date.today(), DatePrecision.DAY
    end = end + datetime.timedelta(days=1)
    coarse = DatePrecision.YEAR in {start_precision, end_precision}
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    if coarse:
        years = round(months / 12)
        if years < 1:
            return "under a year"
        return f"about {years} year{'s' if years != 1 else ''}"
    years, rest = divmod(max(months, 0), 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return ", ".join(parts) or "under a month"


def describe_period(start, start_precision, end, end_precision):
    """'27 March 1964 – no recorded end', '1948 – 1996': how a mission's dates read everywhere."""
    if start is None and end is None:
        return "Dates not recorded"
    first = format_partial_date(start, start_precision) or "start not recorded"
    last = format_partial_date(end, end_precision) or "no recorded end"
    return f"{first} – {last}"
