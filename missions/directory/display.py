"""The facets beside the directory's results: each value with its count and its link."""

import functools
import html
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

from django.http import QueryDict
from django.utils.safestring import mark_safe


def escape_fast(value):
    """conditional_escape without its lazy-string check, which costs more than the escaping
    for the few hundred facet labels and URLs of a page."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@functools.lru_cache(maxsize=4096)
def quoted(value):
    """A facet value as a query string writes it; the same few hundred recur on every page."""
    return quote_plus(value)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""

    def html(self):
        """The value's list item: a link that selects it, or (selected) one that removes it."""
        url, label = escape_fast(self.url), escape_fast(self.label)
        if self.selected:
            link = (
                f'<a href="{url}" aria-current="true" class="selected" title="Remove this filter">'
                f'{label} <span class="visually-hidden">(selected; remove)</span>'
                '<span aria-hidden="true">×</span></a>'
            )
        else:
            link = f'<a href="{url}" rel="nofollow">{label}</a>'
        return f'<li>{link} <span class="count">{self.count:d}</span></li>'


@dataclass
class Facet:
    name: str
    label: str
    values: list

    @property
    def visible_values(self):
        """Values a reader can pick: those that would leave missions, and the current one."""
        return [value for value in self.values if value.count or value.selected]

    @functools.cached_property
    def selected_values(self):
        return [value for value in self.values if value.selected]

    @functools.cached_property
    def html(self):
        """The visible values' list items, built in Python rather than as template nodes,
        which would be the larger part of the page's rendering time."""
        return mark_safe("\n".join(value.html() for value in self.visible_values))  # nosec B308 B703  # noqa: S308 - escaped


def facet_lists(specs, index, selected, masks, params=None):
    """Each facet of `specs` with its values and how many missions picking each would leave.

    `selected` is the filter form's cleaned data, `masks` each valid filter's missions as
    an index mask, and `params` the request's query dict: each value gets the URL that
    selects it (or, when selected, the URL that removes it), keeping every other parameter.
    """

    def chosen(name):
        value = selected.get(name)
        return getattr(value, "slug", value) or ""

    base = params.copy() if params is not None else QueryDict(mutable=True)
    base.pop("page", None)

    def linker(name):
        """URLs that set or clear `name`, every other parameter kept in its place.

        Built from pieces encoded once per facet, so a value's URL costs one join rather
        than encoding the whole query again for each of a few hundred values.
        """
        pairs = [(key, value) for key in base for value in base.getlist(key)]
        at = next((i for i, (key, _) in enumerate(pairs) if key == name), len(pairs))
        head = urlencode(pairs[:at])
        tail = urlencode([(key, value) for key, value in pairs[at:] if key != name])

        key = quote_plus(name) + "="

        def link(value):
            middle = key + quoted(value) if value is not None else ""
            return "?" + "&".join(part for part in (head, middle, tail) if part)

        return link

    def counts(name):
        among = index.everything
        for other, mask in masks.items():
            if other != name:
                among &= mask
        return index.counts(name, among)

    def build(spec, labels):
        # An open-ended facet (organizations, countries) lists only values in play.
        name = spec.name
        current, found, link = str(chosen(name)), counts(name), linker(name)
        values = []
        for value, text in labels:
            value = str(value)
            selected_now, count = value == current, found.get(value, 0)
            if spec.open_ended and not selected_now and not count:
                continue
            url = link(None if selected_now else value)
            values.append(FacetValue(value, text, count, selected_now, url))
        return Facet(name, spec.label, values)

    labels = [spec.labels(index, chosen(spec.name), selected.get(spec.name)) for spec in specs]
    return [build(spec, found) for spec, found in zip(specs, labels, strict=True)]
