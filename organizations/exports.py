"""The columns of the organization downloads, documented on the open-data page."""

from atlas.exports import Column, absolute

ORGANIZATION_COLUMNS = [
    Column("slug", "Stable identifier used in the atlas's addresses.", lambda o, r: o.slug),
    Column("name", "Name of the organization.", lambda o, r: o.name),
    Column("acronym", "Acronym, where one is in use.", lambda o, r: o.acronym),
    Column(
        "kind",
        "global, regional, alliance, organ (part of another body), ngo or state.",
        lambda o, r: o.kind,
    ),
    Column(
        "parent",
        "Slug of the body it belongs to, if any.",
        lambda o, r: o.parent.slug if o.parent else "",
    ),
    Column(
        "mission_count",
        "Published missions it has a role in.",
        lambda o, r: o.mission_count,
        type="integer",
    ),
    Column(
        "url", "Address of the organization's page.", lambda o, r: absolute(r, o.get_absolute_url())
    ),
    Column("summary", "One or two sentences in the atlas's own words.", lambda o, r: o.summary),
]
