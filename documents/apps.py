from atlas.registry import CuratedAppConfig


class DocumentsConfig(CuratedAppConfig):
    """Official documents (resolutions, decisions, reports) and the mandates they set."""

    default = True  # the module also imports CuratedAppConfig
    name = "documents"
    curated_models = ("OfficialDocument",)
    reading_order = 5
