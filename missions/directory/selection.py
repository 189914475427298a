"""The directory's selection in words ("UN missions in Africa, closed") and its active
filters, each with the address that removes it.

The words come from the facets already built for the page (their chosen values carry
their labels and their removal links), so naming the selection costs no query.
"""

import functools
from dataclasses import dataclass

from missions.directory.facets import ALL_KINDS
from missions.directory.links import QueryLinks

# What the missions are called, by the kind filter's value ("" is the default kind).
NOUNS = {
    "": "missions",
    "peace-operation": "peace operations",  # asked for by name: says so
    "military-intervention": "military interventions",
    ALL_KINDS: "missions and interventions",
}
# How each facet's chosen value reads after the place, by facet name; {} is its label.
CLAUSES = {
    "status": "{lower}",
    "type": "type: {lower}",
    "outcome": "outcome: {lower}",
    "decade": "started in the {label}",
    "duration": "lasting {lower}",
    "strength": "peak strength {lower}",
    "fatalities": "fatalities {lower}",
    "task": "mandated to {lower}",
    "theme": "with lessons on {lower}",
}
# The search box and the year range are fields of the form, not facets.
FIELD_LABELS = {
    "q": "Search",
    "start_from": "Started in or after",
    "start_to": "Started in or before",
}


@dataclass(frozen=True)
class ActiveFilter:
    label: str  # "Region: Africa"
    remove_url: str  # the same page without this filter


def lowered(text):
    """A label as it reads inside a sentence: "Under a year" → "under a year", but "UN" stays."""
    text = str(text)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


class Selection:
    """What a directory page shows, from the valid chosen filters and the page's facets."""

    def __init__(self, chosen, facets, params, searched=""):
        self.chosen = chosen
        # The search box's words as searched, when a typo was corrected: what is shown.
        asked = chosen.get("q") or ""
        self.corrected = searched if searched and asked and searched != asked else ""
        self.picked = {
            facet.name: facet.selected_values[0] for facet in facets if facet.selected_values
        }
        self.facet_labels = {facet.name: facet.label for facet in facets}
        self.params = params
        self.links = QueryLinks(params)

    def _label(self, name):
        value = self.picked.get(name)
        return str(value.label) if value else ""

    @functools.cached_property
    def facet_inputs(self):
        """(name, value) of each chosen facet: the hidden inputs that keep them when a form
        on the page is sent. Built once here: a template loop over every facet's values
        for each form costs more than the rest of the forms."""
        return [(name, value.value) for name, value in self.picked.items()]

    @functools.cached_property
    def form_inputs(self):
        """(name, value) of the sort and year range as the address gives them."""
        return [
            (name, self.params[name])
            for name in ("sort", "start_from", "start_to")
            if self.params.get(name)
        ]

    @functools.cached_property
    def title(self):
        """The selection as a heading: "UN missions in Africa, closed"; "Missions" unfiltered."""
        organization = self._label("organization")
        noun = NOUNS.get(self.picked["kind"].value if "kind" in self.picked else "", "missions")
        words = f"{organization} {noun}" if organization else noun
        region, country = self._label("region"), self._label("country")
        if country and region:
            words += f" in {country} ({region})"
        elif country or region:
            words += f" in {country or region}"
        clauses = []
        for name, clause in CLAUSES.items():
            label = self._label(name)
            if label:
                clauses.append(clause.format(label=label, lower=lowered(label)))
        first, last = self.chosen.get("start_from"), self.chosen.get("start_to")
        if first is not None and last is not None:
            clauses.append(f"started {int(first)}–{int(last)}")
        elif first is not None:
            clauses.append(f"started in or after {int(first)}")
        elif last is not None:
            clauses.append(f"started in or before {int(last)}")
        if self.chosen.get("q"):
            clauses.append(f"matching “{self.corrected or self.chosen['q']}”")
        text = ", ".join([words, *clauses])
        return text[0].upper() + text[1:]

    @functools.cached_property
    def active(self):
        """Each chosen filter in words, with the address of the page without it."""
        found = []
        for name in ("q", *self.facet_labels):
            if name == "q":
                if self.chosen.get("q"):
                    found.append(
                        ActiveFilter(
                            f"Search: “{self.chosen['q']}”", self.links.changed(q=None, page=None)
                        )
                    )
                continue
            value = self.picked.get(name)
            if value is not None:
                found.append(ActiveFilter(f"{self.facet_labels[name]}: {value.label}", value.url))
            if name == "decade":
                for field in ("start_from", "start_to"):
                    if self.chosen.get(field) is not None:
                        label = f"{FIELD_LABELS[field]}: {int(self.chosen[field])}"
                        removed = self.links.changed(**{field: None, "page": None})
                        found.append(ActiveFilter(label, removed))
        return found
