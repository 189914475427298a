"""System checks of the sources app."""

from django.core import checks

from atlas.registry import cited_models


@checks.register()
def citations_cover_the_cited_models(app_configs=None, **kwargs):
    """Each cited model has its foreign key on Citation, and each foreign key a model."""
    from sources.models import TARGETS, Citation

    targets = {Citation._meta.get_field(name).related_model for name in TARGETS}
    if targets == set(cited_models()):
        return []
    return [
        checks.Error(
            "Citation's target foreign keys and the cited models differ.",
            hint="Give Citation a nullable foreign key per cited model and name it in TARGETS.",
            obj=Citation,
            id="sources.E001",
        )
    ]
