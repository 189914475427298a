"""The directory's results: a card per mission, read from the facet index and one query."""

import functools

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

from atlas.links import slug_url
from missions.dates import describe_period
from missions.directory.display import escape_fast
from missions.models import Mission, MissionKind, Role

PEACE = MissionKind.PEACE_OPERATION


@functools.cache
def country_names(language):
    """Every country's name in `language`, looked up once per process and language."""
    return dict(countries)


# How a card or a mission page names an organization's part: "lead", "authorizing body"...
ROLE_LABELS = {value: label.lower() for value, label in Role.choices}


def country_name(code, names=None):
    """A host country's name in the active language, as `HostCountry.country.name` gives it
    ("" for a code django-countries does not know), from a table looked up once."""
    names = names if names is not None else country_names(get_language())
    return names.get(code) or countries.name(code)


class IndexedMissions:
    """A page-able view of the index's matches: counting is free, a page is one query."""

    model = Mission  # so ListView names it "mission_list", as it names a queryset

    def __init__(self, index, mask, sort):
        self.index, self.mask, self.sort = index, mask, sort

    def count(self):
        return self.mask.bit_count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("IndexedMissions supports plain slices only")
        start = item.start or 0
        stop = self.count() if item.stop is None else min(item.stop, self.count())
        if stop <= start:
            return []
        ids = self.index.page(self.mask, self.sort, start, stop - start)
        return MissionCard.page(self.index, ids)


class MissionCard:
    """What a directory card shows of a mission, without building model instances.

    A page is one query for the missions' own columns; their host countries and
    organizations come from the facet index, which holds them for the same content
    version. Model instances, prefetches and a reverse() per card would be a large part
    of the page's time, so a card is a row, its lines are shared and its URL is spliced.
    """

    FIELDS = (
        "pk",
        "slug",
        "acronym",
        "name",
        "summary",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "kind",
    )

    __slots__ = ("pk", "slug", "acronym", "name", "summary", "url", "period_display")
    __slots__ += ("countries", "roles", "kind_label")

    @classmethod
    def page(cls, index, ids):
        """Cards for the published missions `ids`, in that order; any the index or the
        database no longer holds are left out."""
        rows = Mission.objects.filter(pk__in=ids).order_by().values_list(*cls.FIELDS)
        found = {row[0]: row for row in rows}
        language = get_language()
        names, lines = country_names(language), index.card_lines
        cards = []
        for pk in ids:
            at = index.positions.get(pk)
            if at is None or pk not in found:
                continue
            card = cls()
            _, slug, card.acronym, card.name, card.summary, *dates, kind = found[pk]
            # Only the exception is named: every card is a peace operation but a few.
            card.kind_label = "" if kind == PEACE else MissionKind(kind).label
            card.pk, card.slug = pk, slug
            card.url = slug_url(Mission.detail_url_name, slug)
            card.period_display = describe_period(*dates)
            hosts, roles = (language, index.hosts[at]), index.roles[at]
            if hosts not in lines:
                lines[hosts] = ", ".join(country_name(code, names) for code in hosts[1])
            if roles not in lines:
                lines[roles] = cls.roles_html(roles, index.short_names)
            card.countries, card.roles = lines[hosts], lines[roles]
            cards.append(card)
        return cards

    @classmethod
    def roles_html(cls, roles, short_names):
        labels = ROLE_LABELS
        parts = (
            (escape_fast(short_names[slug]), escape_fast(labels.get(role, role.lower())))
            for slug, role in roles
        )
        return mark_safe(  # nosec B308 B703  # noqa: S308 - every part escaped
            ", ".join(f'{name} <span class="role">({role})</span>' for name, role in parts)
        )

    def get_absolute_url(self):
        return self.url

    def __getitem__(self, name):
        """Lets a template's `card.url` succeed at its first try, a lookup by key; an
        attribute-only object costs it a caught TypeError for every field of every card."""
        return getattr(self, name)
