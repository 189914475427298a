"""The mission directory: its filters, its facet index, its result cards and its facets.

`facets` declares each facet once, its filter and its index key side by side; `filterset`
holds the form, `index` the bitsets built from the facets' declarations, `cards` the
results a page lists and `display` the facet links beside them.
"""
