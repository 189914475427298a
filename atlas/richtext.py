"""Markdown in long text fields, rendered for readers and sanitized with nh3.

Editors may write emphasis, lists, links and quotes; nothing they write can run in a
reader's browser: scripts, event handlers, styles and javascript: links are dropped.

The parser is markdown-it-py (CommonMark), whose time grows in step with the text: on a
text at the length limit, Python-Markdown took minutes for inputs such as a run of
opening brackets, backtick runs or repeated setext headings (its inline patterns rescan
the rest of a paragraph from every candidate), which is a worker timeout for one page.
markdown-it-py also stops nesting at 20 levels (quotes, lists), so depth costs nothing.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "abbr", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# CommonMark with raw HTML allowed, as editors may write <abbr> or <sup>: nh3 decides what stays.
PARSER = MarkdownIt("commonmark")
# Every link becomes a link, and nh3 alone decides which addresses stay: a refused one
# (javascript:, data:) loses its href, rather than being left as Markdown source text.
PARSER.validateLink = lambda url: True


def render_markdown(text):
    """Safe HTML for a Markdown text (empty text gives an empty string)."""
    if not text:
        return ""
    return _rendered(text)


@lru_cache(maxsize=1024)
def _rendered(text):
    """Markdown and nh3 cost about a millisecond a text, on every view of a record page.

    The output depends on nothing but the text, so each process keeps the most recently
    rendered texts: an edited text is a new key, and nothing cached can go stale.
    """
    html = PARSER.render(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # nosec B308 B703  # noqa: S308 - sanitized by nh3 just above
