from atlas.registry import CuratedAppConfig


class OrganizationsConfig(CuratedAppConfig):
    default = True  # the module also imports CuratedAppConfig
    name = "organizations"
    curated_models = ("Organization",)
    reading_order = 2
