from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView
from django_countries import countries

from countries.codes import country_code
from countries.index import country_index
from countries.profile import country_profile


class CountryIndexView(TemplateView):
    """Every country the atlas has figures for, A–Z, with what it hosted, contributed and
    lost."""

    template_name = "countries/country_list.html"

    def get_context_data(self, **kwargs):
        rows = country_index()
        return super().get_context_data(
            countries=rows,
            totals={
                "hosts": sum(1 for row in rows if row.hosted),
                "contributors": sum(1 for row in rows if row.contributed),
                "fatalities": sum(1 for row in rows if row.fatalities),
            },
            **kwargs,
        )


class CountryDetailView(TemplateView):
    """A country's page at its upper-case ISO 3166-1 alpha-2 code; another case of the
    same code redirects there for good, and a code that names no country, or a country
    the atlas has nothing on, is not found."""

    template_name = "countries/country_detail.html"

    def get(self, request, *args, code, **kwargs):
        canonical = country_code(code)
        if canonical is None:
            raise Http404("No country has this code.")
        if canonical != code:
            return redirect("countries:detail", code=canonical, permanent=True)
        profile = country_profile(canonical, countries.name(canonical))
        if profile.is_empty:
            raise Http404("The atlas holds nothing on this country.")
        return self.render_to_response(self.get_context_data(country=profile, **kwargs))
