"""Organizations in bulk (CSV, XLSX, JSON) through the admin's import and export."""

from atlas.resources import CuratedResource
from organizations.models import Organization


class OrganizationResource(CuratedResource):
    class Meta(CuratedResource.Meta):
        model = Organization
        fields = ("slug", "name", "acronym", "kind", "parent", "status", "summary", "description")
        widgets = {"parent": {"field": "slug"}}
