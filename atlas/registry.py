"""The one list of curated models: each domain app declares its own in its AppConfig.

Search, the review queue, the editorial groups, the content version, the history's first
revisions and the data checks all read the kinds of record from here, in reading order
(missions, organizations, lessons, topics, sources), so a new kind of record is one line
in its app's config. A system check (atlas.checks) keeps the declarations and the
CuratedRecord subclasses in step.
"""

from django.apps import AppConfig, apps


class CuratedAppConfig(AppConfig):
    """An app whose records editors curate and readers see once published."""

    default_auto_field = "django.db.models.BigAutoField"
    # Its CuratedRecord models, by class name, in the order readers meet them.
    curated_models: tuple[str, ...] = ()
    # Its place among the apps in every list of all kinds (lower comes first).
    reading_order = 100


def domain_apps():
    """The apps that hold curated records, in reading order."""
    found = [config for config in apps.get_app_configs() if isinstance(config, CuratedAppConfig)]
    return sorted(found, key=lambda config: config.reading_order)


def curated_models():
    """Every curated model (with a publication state), in reading order."""
    return [config.get_model(name) for config in domain_apps() for name in config.curated_models]


def editable_models():
    """Every model of the domain apps: the curated records and the rows that belong to them
    (roles, host countries, citations, sections, themes)."""
    return [model for config in domain_apps() for model in config.get_models()]


def searchable_models():
    """The curated models the site search indexes: those that give a search document."""
    return [model for model in curated_models() if hasattr(model, "search_document")]


def cited_models():
    """The curated models a citation can support: those with citations."""
    return [model for model in curated_models() if _has_relation(model, "citations")]


def kind_of(model):
    """A model's kind, as the search index and URLs name it ("mission", "topic")."""
    return model._meta.model_name


def model_for_kind(kind):
    """The curated model of a kind, or None."""
    return next((model for model in curated_models() if kind_of(model) == kind), None)


def _has_relation(model, name):
    return any(field.name == name for field in model._meta.get_fields())
