"""How to cite a record's page: APA, Chicago and BibTeX, and its schema.org description.

Every format names the page's permanent address (the record's slug address) and the date
its live version was last reviewed: every change to a live record is approved before it
shows (atlas/review.py), so the last change is the last review.
"""

import datetime
import json
import re

from django.utils import timezone
from django.utils.formats import date_format

SITE = "Peacekeeping Atlas"
# schema.org's kind for each kind of record; a page is about one thing.
ABOUT = {
    "mission": "Event",
    "organization": "Organization",
    "officialdocument": "Legislation",
    "lesson": "CreativeWork",
    "topic": "DefinedTerm",
    "source": "CreativeWork",
}


def _reviewed(record):
    moment = getattr(record, "updated_at", None)
    return timezone.localtime(moment).date() if moment else None


def _bibtex_text(text):
    # Braces and backslashes would end or escape the field; the rest is kept as it reads.
    return re.sub(r"[{}\\]", "", text)


def citations(record, url, today=None):
    """{"apa": …, "chicago": …, "bibtex": …} for `record`'s page at the absolute `url`."""
    today = today or datetime.date.today()
    title = str(record)
    reviewed = _reviewed(record)
    accessed = date_format(today, "F j, Y")
    if reviewed:
        apa_date = f"{reviewed.year}, {date_format(reviewed, 'F j')}"
        chicago_modified = f" Last modified {date_format(reviewed, 'F j, Y')}."
    else:
        apa_date, chicago_modified = "n.d.", ""
    key = f"atlas-{record._meta.model_name}-{getattr(record, 'slug', record.pk)}"
    bibtex_fields = [
        ("title", "{" + _bibtex_text(title) + "}"),
        ("howpublished", "{\\url{" + url + "}}"),
        ("organization", "{" + SITE + "}"),
    ]
    if reviewed:
        bibtex_fields.append(("year", "{" + str(reviewed.year) + "}"))
    note = f"Last reviewed {reviewed.isoformat()}; " if reviewed else ""
    bibtex_fields.append(("note", "{" + note + f"accessed {today.isoformat()}" + "}"))
    bibtex = (
        f"@misc{{{key},\n"
        + ",\n".join(f"  {name} = {value}" for name, value in bibtex_fields)
        + "\n}"
    )
    return {
        "apa": f"{title}. ({apa_date}). In {SITE}. Retrieved {accessed}, from {url}",
        "chicago": f"“{title}.” {SITE}.{chicago_modified} Accessed {accessed}. {url}.",
        "bibtex": bibtex,
    }


def json_ld(record, url, description=""):
    """The page's schema.org description, as JSON safe inside a <script> element."""
    reviewed = _reviewed(record)
    about = {"@type": ABOUT.get(record._meta.model_name, "Thing"), "name": str(record)}
    if description:
        about["description"] = description
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": str(record),
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": SITE},
        "about": about,
    }
    if reviewed:
        data["dateModified"] = data["lastReviewed"] = reviewed.isoformat()
    text = json.dumps(data, ensure_ascii=False)
    # No "</script>" or HTML comment can close the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
