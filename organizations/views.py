from django.urls import reverse
from django.views.generic import DetailView, ListView

from atlas.models import published_prefetch, related_model
from atlas.views import (
    FilteredExportView,
    FootnotesMixin,
    ForgivingFilterMixin,
    ForgivingPaginationMixin,
    PreviewMixin,
)
from organizations.exports import ORGANIZATION_COLUMNS
from organizations.filters import OrganizationFilter
from organizations.models import Organization, OrganizationKind
from sources.views import citations_prefetch


class OrganizationListView(ForgivingFilterMixin, ForgivingPaginationMixin, ListView):
    """Organizations by kind; a kind the atlas does not know shows them all."""

    template_name = "organizations/organization_list.html"
    paginate_by = 50
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return self.shown_filterset().qs.for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.filter_context(),
            kinds=OrganizationKind.choices,
            current_kind=self.chosen_filters().get("kind") or "",
            **kwargs,
        )


class OrganizationExportView(FilteredExportView):
    filterset_class = OrganizationFilter
    columns = ORGANIZATION_COLUMNS
    filename = "organizations"

    def get_queryset(self):
        return Organization.objects.published()

    def prepare(self, queryset):
        return queryset.for_listing()


class OrganizationDetailView(FootnotesMixin, PreviewMixin, DetailView):
    footnote_order = ("name", "", "description")

    model = Organization
    # An organization may have run thousands of missions; past this the directory lists them.
    role_limit = 100

    def get_context_data(self, **kwargs):
        # Missions sit above organizations: reached through the relations, not imported.
        first_year, last_year = (
            related_model(Organization, "missions").objects.published().year_range()
        )
        in_missions = self.object.mission_roles.of_published_missions()
        shown = list(in_missions[: self.role_limit + 1])
        total = len(shown) if len(shown) <= self.role_limit else in_missions.count()
        roles = [
            (role, role.mission.timeline_span(first_year, last_year))
            for role in shown[: self.role_limit]
        ]
        return super().get_context_data(
            roles=roles,
            roles_total=total,
            directory_url=f"{reverse('missions:list')}?organization={self.object.slug}",
            first_year=first_year,
            last_year=last_year,
            **kwargs,
        )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                published_prefetch(Organization, "parent"),
                published_prefetch(Organization, "children"),
                published_prefetch(Organization, "lessons"),
                citations_prefetch(),
            )
        )
