"""Which country a page address names: an ISO 3166-1 alpha-2 code, as the atlas stores
countries (django_countries, with the project's COUNTRIES_OVERRIDE, so XK is Kosovo)."""

from django_countries import countries


def country_code(text):
    """The upper-case alpha-2 code `text` names ('cd' -> 'CD'), or None for anything else:
    an alpha-3 code, a number, a code no country has ('ZZ') or a letter outside ASCII
    (whose upper case may be two ASCII letters: 'ß' -> 'SS')."""
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        return None
    code = text.upper()
    return code if code in countries else None
