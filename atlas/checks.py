"""System checks that keep the registry (atlas.registry) true to the models."""

from django.apps import apps
from django.core import checks

from atlas.models import CuratedRecord
from atlas.registry import CuratedAppConfig, curated_models


@checks.register()
def every_curated_model_is_declared(app_configs=None, **kwargs):
    """A CuratedRecord subclass its app does not declare would miss search, the review
    queue, the groups' permissions and the history; say so at start-up."""
    declared = set(curated_models())
    problems = []
    for model in apps.get_models():
        if not issubclass(model, CuratedRecord) or model in declared:
            continue
        config = apps.get_app_config(model._meta.app_label)
        where = (
            f"add {model.__name__!r} to {type(config).__name__}.curated_models"
            if isinstance(config, CuratedAppConfig)
            else f"make {type(config).__name__} a CuratedAppConfig that declares it"
        )
        problems.append(
            checks.Error(
                f"{model._meta.label} is a curated record its app does not declare.",
                hint=where,
                obj=model,
                id="atlas.E001",
            )
        )
    return problems
