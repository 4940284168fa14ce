"""Serializers: the typed shapes of the API (each block, each page type, problems, pages of
results). Built once at import; ``api.representations`` is the only code that calls them."""
