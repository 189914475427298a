"""Every recorded death of UN peace operations personnel (DPPADPOSS-FATALITIES.csv).

The rules, each counted in the report with the first line it applied to:

- 'trailing space': a category written with a space after it ("Local ").
- '<column> spelled another way': a category in another case or spacing than the
  file's usual one ("Malicious act", "Self Inflicted"); an unknown category is rejected.
- 'no <column>': a blank personnel or incident type or gender, kept blank ("Not recorded").
- 'M49 code written as a decimal': "250.0" is the UN M49 code 250.
- 'former state': an isocode3 of a state that no longer exists (YUG, SCG, ISO 3166-3):
  the nationality is kept as the file names it, with no ISO 3166-1 country.
- 'nationality named without a code': no isocode3, but a country name the ISO list (or
  the file's own spelling, "Côte dIvoire") makes certain.
- 'nationality undetermined': "ZZ [Undetermined]" or a blank nationality; no country.
- 'same casualty on two lines': a casualty id that comes again with the same date,
  mission, personnel type, incident type and gender is one death, not two. The first line
  stands; the repeat's line and nationality are kept beside it. The file has six, all
  UNMIK local staff who died in 2003–2005, once as "Montenegro" and once as "Serbia and
  Montenegro". A repeat that differs in any of those fields is rejected: which line is
  right cannot be told.
- 'successive name, no mission's period covers the date': UNEF on 1 January 1980, after
  UNEF II; UNOSOM in 1991 and 2003, outside UNOSOM I and II: kept unlinked.
- 'outside the mission's dates in the atlas': a death dated before the mission's start or
  after its end as the atlas gives them (UNPROFOR's after March 1995, UNAMID's during its
  liquidation in 2021); kept on the mission, as the UN records it.

The mission names are MissionNames' rules (UNEF, UNOSOM and UNAVEM are picked by the
date); names the atlas does not describe (political missions, offices, UNTAG …) are kept
unlinked and listed in the report.
"""

import datetime
import re
from collections import Counter

from django_countries import countries

from atlas.dataimport import Rejected, Report, csv_rows, sync
from datasets.importers.common import dataset_source, link_report
from datasets.missionnames import SUCCESSIVE, MissionNames
from datasets.models import Fatality
from datasets.models.fatalities import SOURCE, Gender, IncidentType, PersonnelType
from missions.models import Mission

FILE = "DPPADPOSS-FATALITIES.csv"
COLUMNS = (
    "incident_date",
    "casualty_id",
    "mission_acronym",
    "type_of_casualty",
    "gender",
    "casualty_nationality",
    "casualty_personnel_type",
    "type_of_incident",
    "m49_code",
    "isocode3",
    "last_update",
)
FIELDS = [
    "row",
    "mission_id",  # the id: comparing "mission" would fetch each row's mission
    "mission_label",
    "date",
    "personnel_type",
    "incident_type",
    "gender",
    "nationality",
    "nationality_label",
    "m49_code",
    "last_update",
    "repeated_row",
    "repeated_nationality_label",
]
PERSONNEL_TYPES = {
    "Military": PersonnelType.MILITARY,
    "Military Observer": PersonnelType.MILITARY_OBSERVER,
    "Police": PersonnelType.POLICE,
    "International Civilian": PersonnelType.INTERNATIONAL_CIVILIAN,
    "Local": PersonnelType.LOCAL,
    "Other": PersonnelType.OTHER,
}
INCIDENT_TYPES = {
    "Malicious Act": IncidentType.MALICIOUS_ACT,
    "Accident": IncidentType.ACCIDENT,
    "Illness": IncidentType.ILLNESS,
    "Self-Inflicted": IncidentType.SELF_INFLICTED,
    "To Be Determined": IncidentType.TO_BE_DETERMINED,
    "Unknown": IncidentType.UNKNOWN,
}
GENDERS = {"F": Gender.FEMALE, "M": Gender.MALE}
# ISO 3166-3 codes of former states: a nationality of one has no ISO 3166-1 country today.
FORMER_STATES = {
    "YUG": "Yugoslavia",
    "SCG": "Serbia and Montenegro",
    "CSK": "Czechoslovakia",
    "SUN": "USSR",
    "DDR": "German Democratic Republic",
    "ZAR": "Zaire",
    "TMP": "East Timor",
}
# The file's spellings of country names the ISO list writes otherwise.
NAME_SPELLINGS = {"Côte dIvoire": "CI"}
UNDETERMINED = {"", "ZZ [Undetermined]"}
# The fields a repeated casualty id must agree on to be the same death.
SAME_DEATH = ("date", "mission_label", "personnel_type", "incident_type", "gender")


def iso_date(text, column):
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError as error:
        raise Rejected(f"{column} {text!r} is not a date (YYYY-MM-DD)") from error


def spelling_key(text):
    return re.sub(r"[\s_-]+", "", text).casefold()


def category(text, known, column, rules):
    """The choice a category of the file names; see the module's rules."""
    text = text or ""
    label = text.strip()
    if label != text:
        rules.append("trailing space")
    if not label:
        rules.append(f"no {column}")
        return ""
    if label in known:
        return known[label]
    by_key = {spelling_key(name): value for name, value in known.items()}
    if spelling_key(label) in by_key:
        rules.append(f"{column} spelled another way")
        return by_key[spelling_key(label)]
    raise Rejected(f"{column} {label!r} is none of {', '.join(known)}")


def m49(text, rules):
    text = (text or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}\.0+", text):
        rules.append("M49 code written as a decimal")
        text = text.split(".")[0]
    if not re.fullmatch(r"\d{1,3}", text):
        raise Rejected(f"m49_code {text!r} is not a UN M49 country code")
    return int(text)


def nationality(label, code, m49_code, rules):
    """(ISO 3166-1 alpha-2 code or '', label) for the file's nationality columns."""
    label, code = (label or "").strip(), (code or "").strip().upper()
    if code:
        if code in FORMER_STATES:
            rules.append("former state")
            return ""
        alpha2 = countries.alpha2(code) if re.fullmatch(r"[A-Z]{3}", code) else ""
        if not alpha2:
            raise Rejected(f"isocode3 {code!r} is no ISO 3166 country or former state")
        numeric = countries.numeric(alpha2)
        if m49_code is not None and numeric is not None and numeric != m49_code:
            raise Rejected(
                f"isocode3 {code} is country {numeric} in ISO 3166 but m49_code is {m49_code}"
            )
        return alpha2
    if label in UNDETERMINED:
        rules.append("nationality undetermined")
        return ""
    alpha2 = NAME_SPELLINGS.get(label) or countries.by_name(label)
    if not alpha2:
        raise Rejected(f"nationality {label!r} has no isocode3 and is no country's name")
    rules.append("nationality named without a code")
    return alpha2


def read(row, names, rules, source, line):
    """An unsaved Fatality for one row of the file, or Rejected; the names of the rules it
    needed are added to `rules`."""
    label = (row["mission_acronym"] or "").strip()
    if not label:
        raise Rejected("no mission")
    casualty_id = (row["casualty_id"] or "").strip()
    if not casualty_id:
        raise Rejected("no casualty id")
    kind = (row["type_of_casualty"] or "").strip()
    if kind != "Fatality":
        raise Rejected(f"type_of_casualty {kind!r} is not a fatality")
    date = iso_date(row["incident_date"], "incident_date")
    updated = iso_date(row["last_update"], "last_update")
    if date > updated:
        raise Rejected(f"incident_date {date} is after the row's last_update {updated}")
    personnel = category(row["casualty_personnel_type"], PERSONNEL_TYPES, "personnel type", rules)
    incident = category(row["type_of_incident"], INCIDENT_TYPES, "incident type", rules)
    gender = category(row["gender"], GENDERS, "gender", rules)
    m49_code = m49(row["m49_code"], rules)
    nationality_label = (row["casualty_nationality"] or "").strip()
    country = nationality(nationality_label, row["isocode3"], m49_code, rules)
    match = names.resolve(row["mission_acronym"], date)
    if match.rule:
        rules.append(match.rule)
    elif match.mission_id is None and label.upper() in SUCCESSIVE:
        rules.append("successive name, no mission's period covers the date")
    return Fatality(
        source=source,
        row=line,
        mission_id=match.mission_id,
        mission_label=match.acronym,
        casualty_id=casualty_id,
        date=date,
        personnel_type=personnel,
        incident_type=incident,
        gender=gender,
        nationality=country,
        nationality_label=nationality_label,
        m49_code=m49_code,
        last_update=updated,
    )


def repeat(first, again, rules):
    """Fold a repeated casualty id into its first line, or reject it (module's rules)."""
    differs = [name for name in SAME_DEATH if getattr(first, name) != getattr(again, name)]
    if differs:
        raise Rejected(
            f"casualty id {again.casualty_id} is already on line {first.row} with another "
            + ", ".join(name.replace("_", " ") for name in differs)
        )
    if first.repeated_row is not None:
        raise Rejected(
            f"casualty id {again.casualty_id} is already on lines {first.row} and "
            f"{first.repeated_row}"
        )
    rules.append("same casualty on two lines")
    first.repeated_row = again.row
    if again.nationality_label != first.nationality_label:
        first.repeated_nationality_label = again.nationality_label


def dates_report(report, rows):
    """Count the deaths dated outside their mission's period in the atlas (kept)."""
    periods = {
        pk: (start, end)
        for pk, start, end in Mission.objects.filter(
            pk__in={item.mission_id for item in rows if item.mission_id}
        ).values_list("pk", "start_date", "end_date")
    }
    outside = Counter()
    for item in rows:
        start, end = periods.get(item.mission_id, (None, None))
        if (start and item.date < start) or (end and item.date > end):
            report.rule("outside the mission's dates in the atlas", f"{FILE} line {item.row}")
            outside[item.mission_label] += 1
    if outside:
        names = ", ".join(f"{name} ({count:,})" for name, count in sorted(outside.items()))
        report.note(f"dated outside the mission's period in the atlas, kept: {names}")


def import_fatalities(directory):
    report = Report("Fatalities", FILE)
    source = dataset_source(SOURCE)
    names = MissionNames()
    by_casualty = {}
    for line, row in csv_rows(directory / FILE, COLUMNS):
        where, rules = f"{FILE} line {line}", []
        try:
            item = read(row, names, rules, source, line)
            first = by_casualty.get(item.casualty_id)
            if first is not None:
                repeat(first, item, rules)
        except Rejected as reason:
            report.reject(where, str(reason))
            continue
        # A row's rules count once the row is taken, so a rejected row counts in none.
        for name in rules:
            report.rule(name, where)
        by_casualty.setdefault(item.casualty_id, item)
    rows = list(by_casualty.values())
    link_report(report, rows)
    dates_report(report, rows)
    sync(
        Fatality,
        rows,
        key=lambda item: item.casualty_id,
        fields=FIELDS,
        report=report,
        existing=Fatality.objects.filter(source=source),
    )
    return report
