"""{{ code|country_url }}: the address of a country's page, for templates of the apps below
(a mission page's host countries) that cannot import this app."""

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def country_url(code):
    return reverse("countries:detail", kwargs={"code": str(code)})
