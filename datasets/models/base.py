from django.db import models


class DatasetRow(models.Model):
    """One row of an outside data set, as the atlas keeps it.

    `source` is the data set's record (its page names the file, edition and origin) and
    `row` the line of the file (or the row number a Stata or Excel reader gives), so
    every figure built from these rows can be footnoted to them. `mission_label` keeps the
    file's own name for the mission: rows of operations the atlas does not (yet) describe
    are kept, unlinked, and count in the worldwide figures; a later import links them.
    """

    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="+")
    row = models.PositiveIntegerField(help_text="Line of the file (row of a sheet).")
    mission_label = models.CharField(max_length=60, help_text="The file's name for the mission.")

    class Meta:
        abstract = True
