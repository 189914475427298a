"""What the data sets add to the site search: countries' other names, and the people and
places of a mission.

Country names: django_countries' English and French names (its own translations) and the
other English names the data sets use (countrynames.OTHER_NAMES, e.g. "Ivory Coast"), so a
search for any of them finds the others. A mission's document gains its leaders' names
(the leaders data set) and its deployment sites (Geo-PKO), so a force commander or a town
finds the mission. Registered from DatasetsConfig.ready; the base layer calls them back.
"""

from collections import defaultdict

from django.utils import translation
from django_countries import countries

from datasets.countrynames import OTHER_NAMES
from datasets.models import Appointment, DeploymentSite


def country_names():
    """[(English name, French name, other names...)] for every country."""
    names = defaultdict(list)
    for language in ("en", "fr"):
        with translation.override(language):
            for country in countries:
                names[country.code].append(str(country.name))
    for other, code in OTHER_NAMES.items():
        names[code].append(other)
    return [tuple(dict.fromkeys(group)) for group in names.values() if len(set(group)) > 1]


def mission_people_and_places(pks):
    """{mission pk: its leaders' names and its deployment sites' places, as text}."""
    text = defaultdict(list)
    people = Appointment.objects.filter(mission__in=pks).order_by("mission", "last_name")
    for mission, first, last in people.values_list("mission", "first_name", "last_name"):
        name = f"{first} {last}".strip()
        if name not in text[mission]:
            text[mission].append(name)
    places = DeploymentSite.objects.filter(mission__in=pks).order_by("mission", "location")
    for mission, location in places.values_list("mission", "location").distinct():
        if location not in text[mission]:
            text[mission].append(location)
    return {mission: "\n".join(parts) for mission, parts in text.items()}
