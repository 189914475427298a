from django.apps import AppConfig


class AtlasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "atlas"

    def ready(self):
        from atlas import freshness, search

        search.connect_signals()
        freshness.connect_signals()
