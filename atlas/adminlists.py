"""Admin lists that answer a crafted query string with the changelist's own handling.

Django's changelist turns most bad lookups into IncorrectLookupParameters (a redirect to
?e=1), but not all: a list filter's own queryset() runs outside its guard, and lookups
such as __year check their value only when the SQL is compiled, during the page count.
django-import-export's export view builds the same changelist and catches nothing. The
classes here close both gaps once for every admin.
"""

import functools

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import EmptyResultSet, FieldError, ValidationError

# What a lookup value of the wrong kind raises while the queryset is built or compiled.
BAD_LOOKUP_ERRORS = (FieldError, ValidationError, ValueError, TypeError, OverflowError)
# Patterns run by the database on every row: an invalid one is a database error (a 503
# here), a crafted one can take seconds per row. No admin list offers them.
REFUSED_LOOKUPS = ("regex", "iregex")


class SafeChangeList(ChangeList):
    """A changelist whose every bad parameter is IncorrectLookupParameters."""

    def get_queryset(self, request, exclude_parameters=None):
        try:
            queryset = super().get_queryset(request, exclude_parameters)
        except BAD_LOOKUP_ERRORS as error:  # from a list filter's queryset()
            raise IncorrectLookupParameters(error) from error
        try:
            # Compiled now, not at the page count or the export: __year and the like
            # check their values only here (a year past 9999 is a ValueError).
            queryset.query.sql_with_params()
        except EmptyResultSet:
            pass  # a lookup that matches nothing, such as __in with no values
        except BAD_LOOKUP_ERRORS as error:
            raise IncorrectLookupParameters(error) from error
        return queryset

    def get_results(self, request):
        try:
            super().get_results(request)
        except (OverflowError, ValueError) as error:
            # A value the database driver cannot bind, found only when the count runs.
            raise IncorrectLookupParameters(error) from error


@functools.cache
def safe_changelist_class(base):
    """`base` with SafeChangeList's guards, for admins that bring their own ChangeList."""
    if issubclass(base, SafeChangeList):
        return base
    return type(f"Safe{base.__name__}", (SafeChangeList, base), {})


class SafeListsMixin:
    """For any ModelAdmin: its changelist (and any view built on it) uses SafeChangeList."""

    def get_changelist(self, request, **kwargs):
        return safe_changelist_class(super().get_changelist(request, **kwargs))

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.rpartition("__")[2] in REFUSED_LOOKUPS:
            return False  # a 400 (DisallowedModelAdminLookup), before any query runs
        return super().lookup_allowed(lookup, value, request)


class AtlasModelAdmin(SafeListsMixin, admin.ModelAdmin):
    """The base of the project's plain (not curated) admins."""


def protect_registered_admins(site=admin.site):
    """Re-register the admins other apps bring (users, groups, axes) with SafeListsMixin.

    Runs once the admin has autodiscovered every app, so an admin added later by any app
    is covered without an edit here.
    """
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, SafeListsMixin):
            continue
        admin_class = type(model_admin)
        safe_class = type(admin_class.__name__, (SafeListsMixin, admin_class), {})
        safe_class.__module__ = admin_class.__module__
        site.unregister(model)
        site.register(model, safe_class)
