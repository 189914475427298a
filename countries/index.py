"""The countries index: every country the atlas has something to say about, A–Z, with
its counts, in a fixed number of queries (six), whatever the data.

A country is listed when it hosts a published mission, contributed personnel (IPI's
monthly figures or Geo-PKO's yearly lists), lost nationals (the UN's fatalities data
set), had a national in a mission's leadership, or had a Geo-PKO deployment site on its
soil: exactly the countries whose page is not empty (countries.profile).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import get_language
from django_countries import countries

from atlas import freshness
from atlas.kept import KeptForKey
from datasets.models import (
    Appointment,
    ContributionMonth,
    ContributorKind,
    DeploymentSite,
    Fatality,
    SiteContributor,
)
from missions.models import HostCountry, Mission


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    hosted: int
    contributed: int
    fatalities: int
    leaders: int


def hosted_counts():
    """{country code: published missions it hosts} (one query)."""
    return dict(
        HostCountry.objects.filter(mission__in=Mission.objects.published())
        .order_by()
        .values("country")
        .annotate(missions=Count("mission", distinct=True))
        .values_list("country", "missions")
    )


def contributed_counts():
    """{country code: missions it contributed to in either file} (two queries). A mission
    the atlas does not describe counts once per name the files give it."""
    missions = defaultdict(set)
    pairs = [
        ContributionMonth.objects.values_list("country", "mission", "mission_label"),
        SiteContributor.objects.filter(kind=ContributorKind.COUNTRY).values_list(
            "country", "mission", "mission_label"
        ),
    ]
    for queryset in pairs:
        for code, mission_id, label in queryset.order_by().distinct():
            missions[code].add(mission_id if mission_id is not None else label)
    return {code: len(found) for code, found in missions.items()}


def leader_counts():
    """{country code: leadership appointments of its nationals}; a person of two
    nationalities counts for both (one query)."""
    counts = Counter()
    rows = (
        Appointment.objects.order_by()
        .values("nationality", "second_nationality")
        .annotate(appointments=Count("pk"))
        .values_list("nationality", "second_nationality", "appointments")
    )
    for first, second, appointments in rows:
        for code in {first, second} - {""}:
            counts[code] += appointments
    return counts


def country_index():
    """[CountryRow] A–Z by the country's name, for every country with a non-empty page.

    Read once per content version and language in each process, like the facet index: its
    six queries scan every data set row, and the index page and the sitemap ask for it.
    """
    return _kept.get((freshness.current(), get_language()))


def build_country_index():
    """The countries index as the data now say, in six queries."""
    hosted = hosted_counts()
    contributed = contributed_counts()
    fatalities = Fatality.objects.per_nationality()
    leaders = leader_counts()
    sites = {row["country"] for row in DeploymentSite.objects.per_country()}
    listed = set(hosted) | set(contributed) | set(fatalities) | set(leaders) | sites
    # django_countries yields the countries in the order of their names, accents aside.
    return [
        CountryRow(
            code=code,
            name=name,
            hosted=hosted.get(code, 0),
            contributed=contributed.get(code, 0),
            fatalities=fatalities.get(code, 0),
            leaders=leaders.get(code, 0),
        )
        for code, name in countries
        if code in listed
    ]


_kept = KeptForKey(build_country_index)
