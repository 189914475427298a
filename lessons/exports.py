"""The columns of the lesson downloads, documented on the open-data page."""

from atlas.exports import Column, absolute

LESSON_COLUMNS = [
    Column("slug", "Stable identifier used in the atlas's addresses.", lambda x, r: x.slug),
    Column("title", "Short title.", lambda x, r: x.title),
    Column(
        "kind",
        "lesson, challenge, success-factor, failure-factor or recommendation.",
        lambda x, r: x.kind,
    ),
    Column(
        "themes", "Theme slugs, separated by ';'.", lambda x, r: [t.slug for t in x.themes.all()]
    ),
    Column(
        "missions",
        "Acronyms of the published missions it concerns, separated by ';'.",
        lambda x, r: [m.acronym for m in x.missions.all()],
    ),
    Column(
        "organizations",
        "Slugs of the published organizations it concerns, separated by ';'.",
        lambda x, r: [o.slug for o in x.organizations.all()],
    ),
    Column("observation", "What was seen, in the atlas's own words.", lambda x, r: x.observation),
    Column(
        "recommendation", "What to do about it, where a source says.", lambda x, r: x.recommendation
    ),
    Column("url", "Address of the lesson's page.", lambda x, r: absolute(r, x.get_absolute_url())),
]
