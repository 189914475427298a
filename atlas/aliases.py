"""Other names a reader may search by, and the words the index holds instead.

A query's words are matched, longest first, against the names below; a name found is
searched as any of its names ("ONU" finds "United Nations"). The table is short and
reviewed: each entry says why it exists. Country names (English, French, and the other
English names a data set uses) are added by the apps that know them (`register`), so the
base layer reads no domain app.
"""

import re
import unicodedata

# Each row: names that mean the same thing to a reader of the atlas.
ALIASES = [
    # The United Nations' French name and acronym: the UN's own documents and the French
    # mission acronyms (MINUSMA, MINUSCA...) use them.
    ("UN", "United Nations", "ONU", "Organisation des Nations Unies"),
    # "Blue helmets" (casques bleus) is the everyday name of UN peacekeepers.
    ("blue helmets", "casques bleus", "peacekeepers", "peacekeeping"),
    # The UN Operation in Côte d'Ivoire (UNOCI) is ONUCI in French.
    ("UNOCI", "ONUCI"),
    # The Democratic Republic of the Congo was named Zaire from 1971 to 1997, the years
    # of the missions around the Great Lakes' wars; "Congo-Kinshasa" tells it from its
    # neighbour, the Republic of the Congo.
    ("Zaire", "Democratic Republic of the Congo", "DR Congo", "Congo-Kinshasa"),
    # The African Union's French name and acronym (Union africaine, UA).
    ("African Union", "Union africaine"),
]

_extra = []
MAX_NAME_WORDS = 6


def register(groups):
    """Add groups of names meaning the same thing (e.g. a country's names in English and
    French), from an app that knows them; called from AppConfig.ready."""
    _extra.extend(tuple(group) for group in groups)


def _words(name):
    return re.findall(r"\w+", name)


def fold(word):
    """A word lowercased and without accents, as names are compared."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(name):
    return tuple(fold(word) for word in _words(name))


_cache = {}


def _table():
    """{folded words of a name: the names of its group, as word tuples}."""
    if _cache.get("size") != len(_extra):
        table = {}
        for group in [*ALIASES, *_extra]:
            names = []
            for name in group:
                for form in (tuple(_words(name)), _key(name)):
                    if form and form not in names:
                        names.append(form)
            for name in group:
                key = _key(name)
                if key:
                    merged = table.setdefault(key, [])
                    merged.extend(form for form in names if form not in merged)
        _cache.update(size=len(_extra), table=table)
    return _cache["table"]


def known_words():
    """Every folded word of every name: none of them is a typo."""
    return {word for key in _table() for word in key}


def expand(terms):
    """The query as groups of alternatives: [[("onu",), ("united", "nations"), ...], ...].

    Every group must match; any alternative of a group may. A run of words that is a name
    becomes one group with all its names; any other word is a group of itself."""
    table = _table()
    folded = [fold(term) for term in terms]
    groups, at = [], 0
    while at < len(terms):
        for size in range(min(MAX_NAME_WORDS, len(terms) - at), 0, -1):
            names = table.get(tuple(folded[at : at + size]))
            if names:
                original = tuple(terms[at : at + size])
                groups.append([original, *[name for name in names if name != original]])
                at += size
                break
        else:
            groups.append([(terms[at],)])
            at += 1
    return groups
