"""Links to the directory's own address with a few parameters changed.

They read as `{% querystring %}` writes them, but from the request's query read once: the
tag deep-copies the query for each link, and a directory page has a dozen of them.
"""

from urllib.parse import urlencode


class QueryLinks:
    """The request's query, as lists by name in their order, ready to be changed."""

    def __init__(self, params):
        self.lists = {key: params.getlist(key) for key in params}

    def changed(self, **changes):
        """The query string with each named parameter set, or removed when None.

        Like the tag: "" when the address has no query and none is added; "?" when every
        parameter is removed, so the link still leaves the current query behind.
        """
        lists = dict(self.lists)
        for name, value in changes.items():
            if value is None:
                lists.pop(name, None)
            else:
                lists[name] = [str(value)]
        if not lists and not self.lists:
            return ""
        return "?" + urlencode(
            [(name, value) for name, values in lists.items() for value in values]
        )
