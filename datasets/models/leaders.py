from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField

from datasets.models.base import DatasetRow

# The data set stops on the day its authors compiled it; a term still running then has
# no end in the file.
COMPILED = "4 September 2019"


class Post(models.IntegerChoices):
    """The seven posts the leaders' codebook records, by its own codes (8 'several' is
    not a post: such an entry names its posts in the column 'Appointment II')."""

    SRSG = 1, "Special Representative of the Secretary-General"
    HEAD_OF_MISSION = 2, "Head of Mission"
    FORCE_COMMANDER = 3, "Force Commander"
    DEPUTY_FORCE_COMMANDER = 4, "Deputy Force Commander"
    CHIEF_OF_STAFF = 5, "Mission Chief of Staff"
    POLICE_COMMISSIONER = 6, "Police Commissioner"
    CHIEF_MILITARY_OBSERVER = 7, "Chief Military Observer"


# Short names for a post named beside another ("also SRSG").
SHORT_POSTS = {Post.SRSG: "SRSG", Post.CHIEF_OF_STAFF: "Chief of Staff"}


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class AppointmentQuerySet(models.QuerySet):
    def of_nationality(self, country):
        """Appointments of people of a country (either of two nationalities), for a
        country page."""
        return self.filter(Q(nationality=country) | Q(second_nationality=country))

    def for_figure(self):
        # An unknown start month sorts first within its year, on SQLite as on PostgreSQL.
        return self.select_related("source").order_by(
            "post", "start_year", models.F("start_month").asc(nulls_first=True), "row"
        )


class Appointment(DatasetRow):
    """One person in one leadership post of a mission for one term.

    The file has a row per year of a term; `row` and `last_row` are the first and last of
    them. A person the file lists in several posts at once ('Appointment II', e.g. SRSG
    and Head of Mission) has one Appointment per post, all with the same rows. Dates have
    the file's precision: a year and a month, the month missing where the file has 0.
    """

    mission = models.ForeignKey(
        "missions.Mission", null=True, on_delete=models.SET_NULL, related_name="appointments"
    )
    last_row = models.PositiveIntegerField(help_text="Last row of the term in the sheet.")
    post = models.PositiveSmallIntegerField(choices=Post)
    last_name = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100, blank=True)
    gender = models.CharField(max_length=6, choices=Gender)
    rank = models.CharField(max_length=60, blank=True)
    nationality_code = models.CharField(
        max_length=20, help_text="The file's Correlates of War code(s)."
    )
    nationality = CountryField(blank=True, db_index=True)
    second_nationality = CountryField(blank=True)
    nationality_name = models.CharField(
        max_length=60, blank=True, help_text="The state's name where it has no ISO code."
    )
    start_year = models.PositiveSmallIntegerField()
    start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    in_office_when_compiled = models.BooleanField(
        default=False, help_text=f"Still in the post on {COMPILED}, when the data set ends."
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["mission_label", "post", "start_year", "start_month", "row"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "row", "post"], name="one_appointment_per_row_and_post"
            ),
            models.CheckConstraint(
                condition=Q(start_month__isnull=True) | Q(start_month__range=(1, 12)),
                name="appointment_start_month_is_a_month",
            ),
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__range=(1, 12)),
                name="appointment_end_month_is_a_month",
            ),
            models.CheckConstraint(
                condition=Q(in_office_when_compiled=True, end_year__isnull=True)
                | Q(in_office_when_compiled=False, end_year__gte=models.F("start_year")),
                name="appointment_ends_after_it_starts_or_runs_on",
            ),
            models.CheckConstraint(
                condition=Q(last_row__gte=models.F("row")), name="appointment_rows_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.mission_label}: {self.get_post_display()} {self.full_name}"

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def rows(self):
        return range(self.row, self.last_row + 1)

    @property
    def nationalities(self):
        """The names shown for the person's nationality (one or two)."""
        names = [country.name for country in (self.nationality, self.second_nationality) if country]
        return names or [self.nationality_name]

    @property
    def term(self):
        """'May 2015 – Oct 2017', '2008 – Jan 2010' or 'Jul 2018 – (in office in
        September 2019)': the file's precision, never more."""
        start = _month_year(self.start_year, self.start_month)
        if self.in_office_when_compiled:
            return f"{start} – (in office in September 2019)"
        return f"{start} – {_month_year(self.end_year, self.end_month)}"


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _month_year(year, month):
    return f"{MONTHS[month - 1]} {year}" if month else str(year)
