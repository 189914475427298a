from atlas.registry import CuratedAppConfig


class SourcesConfig(CuratedAppConfig):
    default = True  # the module also imports CuratedAppConfig
    name = "sources"
    curated_models = ("Source",)
    reading_order = 4

    def ready(self):
        from sources import checks  # noqa: F401 - registers the system checks
