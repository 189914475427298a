"""The registry of curated models: one declaration per app, read by every list of kinds."""

import pytest
from django.apps import apps
from django.core import checks

from atlas.models import CuratedRecord
from atlas.registry import (
    cited_models,
    curated_models,
    editable_models,
    model_for_kind,
    searchable_models,
)


def labels(models):
    return [model._meta.label for model in models]


def test_curated_models_come_in_reading_order():
    assert labels(curated_models()) == [
        "missions.Mission",
        "organizations.Organization",
        "lessons.Lesson",
        "lessons.Topic",
        "sources.Source",
        "documents.OfficialDocument",
    ]


def test_every_curated_record_is_in_the_registry():
    concrete = {m for m in apps.get_models() if issubclass(m, CuratedRecord)}
    assert concrete == set(curated_models())


def test_search_covers_five_kinds_and_citations_the_four_with_footnotes():
    four = ["missions.Mission", "organizations.Organization", "lessons.Lesson", "lessons.Topic"]
    assert labels(searchable_models()) == [*four, "documents.OfficialDocument"]
    # An official document cites TAMM's lines through its decisions, not through Citation.
    assert labels(cited_models()) == four
    assert model_for_kind("topic")._meta.label == "lessons.Topic"
    assert model_for_kind("nothing") is None


def test_editable_models_are_the_fourteen_the_groups_hold():
    assert sorted(labels(editable_models())) == sorted(
        [
            "missions.Mission",
            "missions.MissionOrganization",
            "missions.HostCountry",
            "organizations.Organization",
            "lessons.Lesson",
            "lessons.Topic",
            "lessons.Theme",
            "sources.Source",
            "sources.SourceSection",
            "sources.Citation",
            "documents.OfficialDocument",
            "documents.MissionDecision",
            "documents.MandateTask",
            "documents.Milestone",
        ]
    )


@pytest.mark.django_db
def test_an_undeclared_curated_model_is_a_start_up_error(monkeypatch):
    from atlas import checks as atlas_checks

    config = apps.get_app_config("lessons")
    monkeypatch.setattr(type(config), "curated_models", ("Lesson",))
    errors = atlas_checks.every_curated_model_is_declared()
    assert [(error.id, error.obj._meta.label) for error in errors] == [
        ("atlas.E001", "lessons.Topic")
    ]
    assert all(isinstance(error, checks.Error) for error in errors)
