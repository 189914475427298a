from django.apps import AppConfig


class CountriesConfig(AppConfig):
    """A page per country: the missions it hosted, the personnel it contributed, its
    nationals who died and who led missions, from the missions and the data sets. No
    models of its own: everything is read from the apps below."""

    name = "countries"
