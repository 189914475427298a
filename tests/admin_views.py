"""Every admin list view of every registered model, found from the admin site itself.

The hostile-input tests iterate over these, so a model registered later is covered
without an edit to them.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
)
from django.contrib.auth.models import User
from django.db import models
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.factories import make_user

# A view is named by its URL name's suffix; "export-post" is the export view's POST, the
# only request that runs the export's query (its GET shows the form).
KINDS = ["changelist", "export", "export-post", "import"]
SPECIAL_KEYS = [
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
    "_changelist_filters",
]
SUFFIXES = ["", "__exact", "__in", "__gte", "__lt", "__isnull", "__year", "__year__gte", "__regex"]


@dataclass(frozen=True)
class AdminView:
    label: str  # app_label.model_name
    kind: str
    url: str

    def __str__(self):
        return f"{self.label}-{self.kind}"


def admin_views():
    views = []
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        for kind in KINDS:
            try:
                url = reverse("admin:{}_{}_{}".format(*info, kind.partition("-")[0]))
            except NoReverseMatch:
                continue
            views.append(AdminView(model._meta.label_lower, kind, url))
    return views


def field_lookups(model):
    """Lookups on the model's own fields, and on the ids of the models they point to."""
    keys = []
    for field in model._meta.get_fields():
        if field.is_relation:
            keys += [f"{field.name}__id__exact", f"{field.name}__isnull", f"{field.name}__in"]
        elif isinstance(field, models.Field):
            keys += [field.name + suffix for suffix in SUFFIXES]
    return keys


def filter_parameters(model, superuser):
    """The query-string names the changelist's list filters read."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    return [name for spec in changelist.filter_specs for name in spec.expected_parameters()]


def lookup_keys(superuser):
    """{label: real query-string keys} for every registered model."""
    return {
        model._meta.label_lower: sorted(
            set(field_lookups(model) + filter_parameters(model, superuser) + SPECIAL_KEYS)
        )
        for model in admin.site._registry
    }


def export_form_data(client, url):
    """What the export form posts with every column ticked and the first format chosen."""
    form = client.get(url).context["form"]
    data = {
        name: "on" for name, field in form.fields.items() if isinstance(field, forms.BooleanField)
    }
    return {**data, "format": "0", "resource": "0"}


def admin_clients():
    """Logged-in clients of a Viewer and a superuser: the two ends of admin access."""
    viewer = make_user("hostile-viewer", "Viewer")
    superuser = User.objects.create_superuser("hostile-root", password="pw")
    clients = {}
    for role, user in (("viewer", viewer), ("superuser", superuser)):
        clients[role] = Client()
        clients[role].force_login(user)
    return clients, superuser


def request(client, view, query, export_data):
    """Ask `view` with the query string `query`; the response, its body read."""
    url = f"{view.url}?{query}" if query else view.url
    if view.kind == "export-post":
        return client.post(url, export_data.get(view.label, {}))
    return client.get(url)


@contextmanager
def small_admin(django_db_blocker):
    """A small atlas with a Viewer's and a superuser's clients and each export's form data,
    for a module of tests; flushed afterwards."""
    from django.core.management import call_command

    from tests.factories import make_atlas

    with django_db_blocker.unblock():
        make_atlas(2)
        clients, superuser = admin_clients()
        export_data = {
            view.label: export_form_data(clients["superuser"], view.url)
            for view in admin_views()
            if view.kind == "export"
        }
        try:
            yield clients, superuser, export_data
        finally:
            call_command("flush", interactive=False, verbosity=0)
