"""Organizations in bulk (CSV, XLSX, JSON) through the admin's import and export."""

from import_export import fields, widgets

from atlas.resources import CuratedResource
from organizations.models import Organization


class OrganizationResource(CuratedResource):
    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=widgets.ForeignKeyWidget(Organization, field="slug"),
    )

    class Meta(CuratedResource.Meta):
        model = Organization
        fields = ("slug", "name", "acronym", "kind", "parent", "status", "summary", "description")
