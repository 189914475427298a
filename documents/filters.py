import django_filters
from django import forms

from documents.models import IssuingBody, OfficialDocument


class YearFilter(django_filters.NumberFilter):
    """A year as a whole number within what a document's year may be."""

    field_class = forms.IntegerField


class OfficialDocumentFilter(django_filters.FilterSet):
    body = django_filters.ChoiceFilter(label="Issuing body", choices=IssuingBody.choices)
    year = YearFilter(label="Year", min_value=1945, max_value=2100)

    class Meta:
        model = OfficialDocument
        fields = ["body", "year"]
