from atlas.registry import CuratedAppConfig


class LessonsConfig(CuratedAppConfig):
    default = True  # the module also imports CuratedAppConfig
    name = "lessons"
    curated_models = ("Lesson", "Topic")
    reading_order = 3
