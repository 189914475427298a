"""Which of the atlas's five regions a host country belongs to.

The grouping follows the one the UN Department of Peace Operations uses for its missions
(Africa, Americas, Asia and the Pacific, Europe, Middle East): the UN M49 continents, with
Egypt and the Levant, the Gulf and Iran counted as the Middle East. Only countries that
host a mission in the atlas are listed; a country missing here leaves the region empty
and the importer says so, rather than guessing.
"""

from collections import Counter

from missions.models import Region

REGION_OF_COUNTRY = {
    **dict.fromkeys(
        [
            "AO",
            "BI",
            "CD",
            "CF",
            "CI",
            "ER",
            "ET",
            "LR",
            "LY",
            "MA",
            "ML",
            "MZ",
            "RW",
            "SD",
            "SL",
            "SO",
            "SS",
            "TD",
            "UG",
        ],
        Region.AFRICA,
    ),
    **dict.fromkeys(["CR", "DO", "GT", "HN", "HT", "NI", "SV"], Region.AMERICAS),
    **dict.fromkeys(["AF", "ID", "IN", "KH", "PK", "TJ", "TL"], Region.ASIA_PACIFIC),
    **dict.fromkeys(["BA", "CY", "GE", "GR", "HR", "MK", "RS", "XK"], Region.EUROPE),
    **dict.fromkeys(["EG", "IL", "IQ", "IR", "JO", "KW", "LB", "SY", "YE"], Region.MIDDLE_EAST),
}


def region_for(countries):
    """The region most of `countries` are in; None when unknown or evenly split."""
    regions = Counter(REGION_OF_COUNTRY.get(code) for code in countries)
    regions.pop(None, None)
    if not regions:
        return None
    (first, first_count), *rest = regions.most_common()
    if rest and rest[0][1] == first_count:
        return None
    return first
