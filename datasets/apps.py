from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    """The outside data sets' figures per mission: personnel, fatalities, leaders,
    deployments, contributors and budgets, each row cited to its file and line."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "datasets"

    def ready(self):
        from atlas import aliases, freshness, search
        from datasets import searchwords

        # Readers see these rows as figures: a single save or delete outside an import
        # (which bumps once for all its bulk writes) makes a new content version too.
        freshness.connect_signals(self.get_models())
        aliases.register(searchwords.country_names())
        search.add_text("mission", searchwords.mission_people_and_places)
