"""The directory's results: a card per mission, read from the facet index and one query."""

import functools

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

from atlas.links import slug_url
from missions.dates import describe_period, format_partial_date
from missions.directory.display import escape_fast
from missions.models import Mission, MissionKind, OperationType, Outcome, Role

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

    def __init__(self, index, mask, sort, card_class=None):
        self.index, self.mask, self.sort = index, mask, sort
        self.card_class = card_class or MissionCard

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
        return self.card_class.page(self.index, ids)


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
    EXTRA_FIELDS = ()  # what a subclass reads besides, passed to its fill()

    __slots__ = ("pk", "slug", "acronym", "name", "summary", "url", "period_display")
    __slots__ += ("countries", "roles", "kind_label")

    @classmethod
    def page(cls, index, ids):
        """Cards for the published missions `ids`, in that order; any the index or the
        database no longer holds are left out."""
        fields = (*cls.FIELDS, *cls.EXTRA_FIELDS)
        rows = Mission.objects.filter(pk__in=ids).order_by().values_list(*fields)
        found = {row[0]: row for row in rows}
        language = get_language()
        names, lines = country_names(language), index.card_lines
        cards = []
        for pk in ids:
            at = index.positions.get(pk)
            if at is None or pk not in found:
                continue
            card = cls()
            row = found[pk]
            _, slug, card.acronym, card.name, card.summary, *dates, kind = row[: len(cls.FIELDS)]
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
            card.fill(index, at, dates, row[len(cls.FIELDS) :])
            cards.append(card)
        return cards

    def fill(self, index, at, dates, extra):
        """What a subclass shows besides a card's lines, from the same row and index."""

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


class MissionRow(MissionCard):
    """A row of the directory's table: a card's lines plus the columns a table compares.

    The leading organizations and the headline figures come from the facet index, the
    type and outcome from the same query as the card's own columns.
    """

    EXTRA_FIELDS = ("operation_type", "outcome")
    __slots__ = ("start_text", "end_text", "leads", "strength", "fatalities")
    __slots__ += ("type_label", "outcome_label")

    TYPE_LABELS = {value: label.split(" (")[0] for value, label in OperationType.choices}
    OUTCOME_LABELS = dict(Outcome.choices)

    def fill(self, index, at, dates, extra):
        start, start_precision, end, end_precision = dates
        self.start_text = format_partial_date(start, start_precision)
        self.end_text = format_partial_date(end, end_precision)
        self.leads = ", ".join(
            index.short_names[slug] for slug, role in index.roles[at] if role == Role.LEAD
        )
        figures = index.figures_at(at)
        # As text, with thousands separators: a table cell shows 0 fatalities as "0".
        self.strength, self.fatalities = (
            None if figures.get(name) is None else f"{figures[name]:,}"
            for name in ("strength", "fatalities")
        )
        operation_type, outcome = extra
        self.type_label = self.TYPE_LABELS.get(operation_type, "")
        self.outcome_label = self.OUTCOME_LABELS.get(outcome, "")
