from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    """The outside data sets' figures per mission: personnel, fatalities, leaders,
    deployments, contributors and budgets, each row cited to its file and line."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "datasets"
