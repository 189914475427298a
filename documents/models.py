"""Official documents (resolutions, decisions, reports, letters) and the mandates they set.

An OfficialDocument is a curated record: editors may give it a title, a date and a checked
year. Its links to missions (MissionDecision) and the tasks each link sets (MandateTask)
are imported from TAMM and cite its lines; they are not edited by hand.
"""

from django.core.exceptions import ValidationError
from django.db import models

from atlas.models import CuratedRecord, PublishableQuerySet, SlugNaturalKeyManager
from documents.tasks import TASK_BY_CODE, TASK_CHOICES, tasks_by_group
from missions.models import Mission


class IssuingBody(models.TextChoices):
    UN_SECURITY_COUNCIL = "unsc", "UN Security Council"
    UN_GENERAL_ASSEMBLY = "unga", "UN General Assembly"
    AU_PEACE_AND_SECURITY_COUNCIL = "au-psc", "AU Peace and Security Council"
    COUNCIL_OF_THE_EU = "eu-council", "Council of the European Union"
    NATO_NORTH_ATLANTIC_COUNCIL = "nato-nac", "NATO North Atlantic Council"
    OAU = "oau", "Organization of African Unity"
    ECOWAS = "ecowas", "ECOWAS"
    OSCE_PERMANENT_COUNCIL = "osce-pc", "OSCE Permanent Council"
    OAS = "oas", "Organization of American States"
    PACIFIC_ISLANDS_FORUM = "pif", "Pacific Islands Forum"
    CIS = "cis", "Commonwealth of Independent States"
    # A treaty, protocol or agreement between states or parties (the MFO's 1981 protocol).
    PARTIES = "parties", "Parties to an agreement"
    OTHER = "other", "Other"


# How a document's name begins, per issuing body ("Security Council resolution 1509 (2003)").
BODY_NAMES = {
    IssuingBody.UN_SECURITY_COUNCIL: "Security Council",
    IssuingBody.UN_GENERAL_ASSEMBLY: "General Assembly",
    IssuingBody.AU_PEACE_AND_SECURITY_COUNCIL: "AU Peace and Security Council",
    IssuingBody.COUNCIL_OF_THE_EU: "Council of the EU",
    IssuingBody.NATO_NORTH_ATLANTIC_COUNCIL: "North Atlantic Council",
    IssuingBody.OAU: "OAU",
    IssuingBody.ECOWAS: "ECOWAS",
    IssuingBody.OSCE_PERMANENT_COUNCIL: "OSCE Permanent Council",
    IssuingBody.OAS: "OAS",
    IssuingBody.PACIFIC_ISLANDS_FORUM: "Pacific Islands Forum",
    IssuingBody.CIS: "CIS",
    IssuingBody.PARTIES: "",
    IssuingBody.OTHER: "",
}


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", "Resolution"
    DECISION = "decision", "Decision"
    COMMUNIQUE = "communique", "Communiqué"
    REPORT = "report", "Report"
    LETTER = "letter", "Letter"
    AGREEMENT = "agreement", "Agreement"
    # A document known only by its symbol (S/2008/354): what kind it is, TAMM does not say.
    DOCUMENT = "document", "Document (kind not recorded)"


class YearBasis(models.TextChoices):
    TAMM_FIRST_MONTH = "tamm-first-month", "Year of the first month TAMM records it in force"
    SYMBOL = "symbol", "Year in the document's symbol"
    CHECKED = "checked", "Checked by an editor against the document"


class OfficialDocumentQuerySet(PublishableQuerySet):
    def chronological(self):
        return self.order_by("year", "serial", "number")

    def for_listing(self):
        """Documents in order with the missions they apply to (published ones linked)."""
        return self.chronological().prefetch_related(
            models.Prefetch(
                "decisions",
                queryset=MissionDecision.objects.order_by("first_month", "mission_label")
                .only("document_id", "mission_id", "mission_label", "action", "first_month")
                .prefetch_related(published_missions()),
            )
        )

    def years(self):
        """The years documents were issued in, earliest first."""
        return list(self.order_by("year").values_list("year", flat=True).distinct())


class OfficialDocument(CuratedRecord):
    """A resolution, decision, report or letter of an issuing body, by number and year."""

    detail_url_name = "documents:detail"

    body = models.CharField("issuing body", max_length=12, choices=IssuingBody)
    kind = models.CharField(max_length=12, choices=DocumentKind)
    number = models.CharField(
        "number or symbol",
        max_length=40,
        help_text="The resolution's number (1509) or, for other documents, their symbol "
        "(S/2008/354).",
    )
    # Resolution numbers as numbers, so 975 comes before 1020; empty for a symbol.
    serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField()
    year_basis = models.CharField(
        max_length=20,
        choices=YearBasis,
        default=YearBasis.CHECKED,
        help_text="Where the year comes from. Set it to 'checked' once the year is read from "
        "the document itself; the import then leaves the document as it is.",
    )
    date = models.DateField(
        null=True,
        blank=True,
        help_text="The day it was adopted or issued, where a source gives it.",
    )
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField("official address", blank=True)
    cited_as = models.OneToOneField(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official_document",
        limit_choices_to={"kind": "official-document"},
        help_text="The atlas's source record for this document, if records cite it as a "
        "source; its page then lists what cites it.",
    )

    objects = SlugNaturalKeyManager.from_queryset(OfficialDocumentQuerySet)()

    class Meta:
        permissions = [
            ("publish_officialdocument", "Can publish, unpublish and archive official documents")
        ]
        ordering = ["year", "serial", "number"]
        indexes = [models.Index(fields=["status", "year", "serial"], name="document_by_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "number", "year"],
                name="one_document_per_body_kind_number_year",
                violation_error_message="This body already has a document of this kind, "
                "number and year.",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1945, year__lte=2100),
                name="document_year_plausible",
                violation_error_message="The year is between 1945 and 2100.",
            ),
        ]

    def __str__(self):
        body = BODY_NAMES.get(self.body, "")
        if self.body in (IssuingBody.PARTIES, IssuingBody.OTHER) and self.title:
            return self.title
        if self.kind == DocumentKind.DOCUMENT:
            return f"{body} document {self.number}".strip()
        kind = self.get_kind_display().lower()
        return f"{body} {kind} {self.number} ({self.year})".strip()

    @property
    def short_name(self):
        """What a column of the mandate matrix shows: "1509", "GA 1752", "S/2008/354"."""
        if self.body == IssuingBody.UN_GENERAL_ASSEMBLY:
            return f"GA {self.number}"
        return self.number

    @property
    def year_from_tamm(self):
        return self.year_basis == YearBasis.TAMM_FIRST_MONTH

    def clean(self):
        if self.date and self.year and self.date.year != self.year:
            raise ValidationError({"date": "The date is not in the document's year."})

    def save(self, *args, **kwargs):
        self.serial = int(self.number) if self.number.isdigit() else None
        super().save(*args, **kwargs)

    def search_document(self):
        """Title, lead and body the site search indexes."""
        return str(self), self.title, f"{self.get_body_display()} {self.number} {self.year}"


def published_missions():
    """A decision's mission, kept only when readers may see it (None otherwise)."""
    return models.Prefetch(
        "mission", queryset=Mission.objects.published().only("slug", "acronym", "status")
    )


class DecisionAction(models.TextChoices):
    # What TAMM shows: the first document it codes for a mission set its first mandate
    # (the codebook: "the resolution specifying the mission's original mandate"), and each
    # later one changed the tasks; "in force" when the tasks stayed the same.
    FIRST_MANDATE = "first-mandate", "Set its first mandate"
    CHANGED = "changed", "Changed its mandate"
    IN_FORCE = "in-force", "In force"


class MissionDecisionQuerySet(models.QuerySet):
    def for_figure(self):
        """A mission's decisions in order, with their documents, source and tasks."""
        return (
            self.select_related("document", "source")
            .prefetch_related("tasks")
            .order_by("first_month", "document__serial", "document__number")
        )

    def for_document_page(self):
        """Decisions with their published missions, source and tasks, in order."""
        return (
            self.select_related("source")
            .prefetch_related(published_missions(), "tasks")
            .order_by("mission_label", "first_month", "document__serial")
        )


class MissionDecision(models.Model):
    """A document's link to a mission: what it did, and the months TAMM has it in force.

    Imported from TAMM, whose lines it cites (first_line to last_line, line_count of them).
    `mission_label` keeps TAMM's name for the mission, so a mission the atlas does not
    describe yet keeps its decisions, unlinked; a later import links them.
    """

    document = models.ForeignKey(
        OfficialDocument, on_delete=models.CASCADE, related_name="decisions"
    )
    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandate_decisions",
    )
    mission_label = models.CharField(max_length=60, help_text="The file's name for the mission.")
    action = models.CharField(max_length=15, choices=DecisionAction)
    first_month = models.DateField(help_text="First month in force, as its first day.")
    last_month = models.DateField(help_text="Last month in force, as its first day.")
    months = models.PositiveSmallIntegerField(help_text="Months in force in the file.")
    tamm_label = models.CharField(
        max_length=40, help_text="The resolution as the file writes it, e.g. '425/426'."
    )
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="+")
    first_line = models.PositiveIntegerField()
    last_line = models.PositiveIntegerField()
    line_count = models.PositiveIntegerField()

    objects = MissionDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["mission_label", "first_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission_label", "document"], name="one_decision_per_mission_document"
            ),
            models.CheckConstraint(
                condition=models.Q(last_month__gte=models.F("first_month")),
                name="decision_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(last_line__gte=models.F("first_line")),
                name="decision_lines_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.mission_label}: {self.document}"

    @property
    def lines_text(self):
        """'line 12', 'lines 12–40', or '9 lines between 12 and 40' when others come between."""
        if self.first_line == self.last_line:
            return f"line {self.first_line:,}"
        if self.line_count == self.last_line - self.first_line + 1:
            return f"lines {self.first_line:,}–{self.last_line:,}"
        return f"{self.line_count:,} lines between {self.first_line:,} and {self.last_line:,}"

    @property
    def task_codes(self):
        return [task.task for task in self.tasks.all()]

    @property
    def tasks_by_group(self):
        return tasks_by_group(self.task_codes)


class MandateTask(models.Model):
    """One task TAMM codes as set for a mission by a document (a 1 in its column)."""

    decision = models.ForeignKey(MissionDecision, on_delete=models.CASCADE, related_name="tasks")
    task = models.CharField(max_length=40, choices=TASK_CHOICES)

    class Meta:
        ordering = ["decision", "task"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "task"], name="one_task_per_decision")
        ]
        indexes = [models.Index(fields=["task"], name="mandate_task_by_code")]

    def __str__(self):
        return f"{self.decision}: {self.label}"

    @property
    def label(self):
        task = TASK_BY_CODE.get(self.task)
        return task.label if task else self.task


class MilestoneAction(models.TextChoices):
    # In the order of a mission's life.
    AUTHORIZED = "authorized", "Authorized it"
    ESTABLISHED = "established", "Established it"
    RENEWED = "renewed", "Renewed its mandate"
    CHANGED = "changed", "Changed its mandate"
    ENDED = "ended", "Ended it"


MILESTONE_ORDER = models.Case(
    *(
        models.When(action=value, then=position)
        for position, value in enumerate(MilestoneAction.values)
    ),
    output_field=models.IntegerField(),
)


class MilestoneQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by(
            models.F("document__date").asc(nulls_last=True),
            "document__year",
            MILESTONE_ORDER,
            "document__serial",
        )

    def of_published_documents(self):
        return self.filter(document__status="published").select_related("document")


class MilestoneManager(models.Manager.from_queryset(MilestoneQuerySet)):
    def get_by_natural_key(self, mission_slug, document_slug, action):
        return self.get(mission__slug=mission_slug, document__slug=document_slug, action=action)


class Milestone(models.Model):
    """A document that authorized, established, renewed, changed or ended a mission.

    Editors record these from the documents themselves (TAMM's decisions, above, cover only
    the UN's mandates to 2015 and do not say which document ended a mission). The document
    is the citation: its record carries its official address.
    """

    mission = models.ForeignKey(
        "missions.Mission", on_delete=models.CASCADE, related_name="milestones"
    )
    document = models.ForeignKey(
        OfficialDocument, on_delete=models.PROTECT, related_name="milestones"
    )
    action = models.CharField(max_length=12, choices=MilestoneAction)
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the document did for this mission, in a line, e.g. 'Extended the "
        "mandate to 30 June 2024 and cut the authorized troop ceiling'.",
    )

    objects = MilestoneManager()

    class Meta:
        ordering = ["mission", MILESTONE_ORDER]
        verbose_name = "milestone decision"
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "document", "action"],
                name="one_milestone_per_mission_document_action",
                violation_error_message="This document is already recorded with this action "
                "for this mission.",
            )
        ]

    def __str__(self):
        return f"{self.mission.acronym}: {self.get_action_display().lower()} – {self.document}"

    def natural_key(self):
        return (self.mission.slug, self.document.slug, self.action)

    natural_key.dependencies = ["missions.mission", "documents.officialdocument"]
