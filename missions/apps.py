from atlas.registry import CuratedAppConfig


class MissionsConfig(CuratedAppConfig):
    default = True  # the module also imports CuratedAppConfig
    name = "missions"
    curated_models = ("Mission",)
    reading_order = 1
