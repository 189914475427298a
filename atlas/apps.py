from django.apps import AppConfig


class AtlasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "atlas"

    def ready(self):
        from django.db.backends.signals import connection_created

        from atlas import checks, freshness, search  # noqa: F401 - checks registers itself
        from atlas.adminlists import protect_registered_admins
        from atlas.sqlite import use_wal

        connection_created.connect(use_wal, dispatch_uid="atlas-sqlite-wal")

        # The admin has autodiscovered every app's admin by now (it is installed first).
        protect_registered_admins()

        search.connect_signals()
        freshness.connect_signals()
