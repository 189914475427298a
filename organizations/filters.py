import django_filters

from organizations.models import Organization, OrganizationKind


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Kind", choices=OrganizationKind.choices)

    class Meta:
        model = Organization
        fields = ["kind"]
