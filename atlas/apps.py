from django.apps import AppConfig


class AtlasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "atlas"

    def ready(self):
        from atlas.search import connect_signals

        connect_signals()
