from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The site on top of the domain apps: the only app that may import every other one."""

    name = "website"
