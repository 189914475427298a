"""What a browser would post back from an admin change form, read from the rendered page."""

import datetime


def _add(data, form):
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = str(value)


def form_data(response, **overrides):
    """The change form's fields and every inline row as the page shows them, then overrides."""
    data = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add(data, form)
    data.update(overrides)
    return data
