"""Content API v1 (the api helper fills this in)."""

app_name = "api"
urlpatterns: list = []
