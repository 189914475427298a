"""Which ISO 3166 country a data set's country name or code means.

The files name countries their own way: by English name ("Nepal", "UK", "Korea (ROK)"),
by ISO 3166-1 alpha-3 code, or by Correlates of War (COW) number, as the leaders' codebook
does. django_countries knows the ISO names and codes; each other spelling is a named rule,
applied the same way by every importer:

- 'other English name': a name django_countries does not list, for a country it does
  ("Ivory Coast", "Cape Verde", "Britain"), from the table OTHER_NAMES.
- 'abbreviation': "UK", "USA", "DRC" (and 'abbreviation in title case' for "Drc", "Us",
  where a file capitalised the abbreviation as a word).
- 'qualifier in brackets': "Korea (ROK)", the name followed by the state's abbreviation;
  the abbreviation decides.
- 'former state without an ISO 3166-1 code': Yugoslavia, Czechoslovakia and the other
  states that no longer exist; the country stays blank and the state's name is kept.

COW numbers are read with the COW project's own table of state codes
(codebooks/cow-country-codes.csv: the Correlates of War Project, State System Membership
List, file COW-country-codes.csv, as published in the public repository
vhenley/quantIIIproject; https://correlatesofwar.org/data-sets/cow-country-codes), then
decoded by name as above.

A name or code none of this decodes raises Rejected: the importer rejects the row or
entry with the reason.
"""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django_countries import countries

from atlas.dataimport import Rejected

COW_TABLE = Path(__file__).resolve().parent / "codebooks" / "cow-country-codes.csv"

# Names of countries that django_countries lists under another name.
OTHER_NAMES = {
    "antigua & barbuda": "AG",
    "britain": "GB",
    "cape verde": "CV",
    "cote d'ivoire": "CI",
    "east timor": "TL",
    "federated states of micronesia": "FM",
    "german federal republic": "DE",
    "ivory coast": "CI",
    "st. kitts and nevis": "KN",
    "st. lucia": "LC",
    "st. vincent and the grenadines": "VC",
}
ABBREVIATIONS = {"DRC": "CD", "ROK": "KR", "UK": "GB", "US": "US", "USA": "US"}
# States in the COW table that have no ISO 3166-1 code today.
FORMER_STATES = {
    "Austria-Hungary",
    "Baden",
    "Bavaria",
    "Czechoslovakia",
    "German Democratic Republic",
    "Hanover",
    "Hesse Electoral",
    "Hesse Grand Ducal",
    "Korea",
    "Mecklenburg Schwerin",
    "Modena",
    "Papal States",
    "Parma",
    "Republic of Vietnam",
    "Saxony",
    "Tuscany",
    "Two Sicilies",
    "Wuerttemburg",
    "Yemen Arab Republic",
    "Yemen People's Republic",
    "Yugoslavia",
    "Zanzibar",
}
QUALIFIED = re.compile(r"^(?P<name>.+?) \((?P<qualifier>[A-Za-z]+)\)$")


@dataclass(frozen=True)
class Decoded:
    """A country as a file names it: its ISO code ('' for a former state), the name the
    atlas shows when there is no code, and the rule applied ('' for none)."""

    code: str
    name: str
    rule: str = ""


@functools.lru_cache(maxsize=1024)
def by_name(text):
    """The Decoded country for a file's country name; Rejected when none is known."""
    name = " ".join((text or "").split())
    if not name:
        raise Rejected("no country name")
    code = countries.by_name(name)
    if code:
        return Decoded(code, countries.name(code))
    if name.lower() in OTHER_NAMES:
        code = OTHER_NAMES[name.lower()]
        return Decoded(code, countries.name(code), "other English name")
    if name in ABBREVIATIONS:
        return Decoded(ABBREVIATIONS[name], countries.name(ABBREVIATIONS[name]), "abbreviation")
    if name.upper() in ABBREVIATIONS:
        code = ABBREVIATIONS[name.upper()]
        return Decoded(code, countries.name(code), "abbreviation in title case")
    qualified = QUALIFIED.match(name)
    if qualified and qualified["qualifier"].upper() in ABBREVIATIONS:
        code = ABBREVIATIONS[qualified["qualifier"].upper()]
        return Decoded(code, countries.name(code), "qualifier in brackets")
    raise Rejected(f"{name!r} is not a country name the atlas knows")


@functools.lru_cache(maxsize=256)
def by_alpha3(text):
    """The Decoded country for an ISO 3166-1 alpha-3 code; Rejected when it is none."""
    code = (text or "").strip().upper()
    alpha2 = countries.alpha2(code) if len(code) == 3 and code.isalpha() else ""
    if not alpha2:
        raise Rejected(f"{text!r} is not an ISO 3166-1 alpha-3 code")
    return Decoded(alpha2, countries.name(alpha2))


class COWCodes:
    """The Correlates of War state codes, read once from the COW table."""

    def __init__(self, path=COW_TABLE):
        self.names = {}
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                # The COW file lists some states twice, identically.
                self.names[int(row["CCode"])] = row["StateNme"]

    def decode(self, number):
        """The Decoded country for a COW number; Rejected for a number not in the table."""
        try:
            name = self.names[int(number)]
        except (KeyError, TypeError, ValueError) as error:
            raise Rejected(f"nationality {number} is not a Correlates of War code") from error
        if name in FORMER_STATES:
            return Decoded("", name, "former state without an ISO 3166-1 code")
        try:
            return by_name(name)
        except Rejected as error:
            raise Rejected(f"COW code {number} ({name}) has no ISO 3166 country") from error
