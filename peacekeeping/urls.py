from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Peacekeeping Atlas administration"
admin.site.site_title = "Peacekeeping Atlas admin"

urlpatterns = [
    path("", include("website.urls")),
    path("missions/", include("missions.urls")),
    path("organizations/", include("organizations.urls")),
    path("documents/", include("documents.urls")),
    path("numbers/", include("datasets.urls")),
    path("countries/", include("countries.urls")),
    path("sources/", include("sources.urls")),
    path("", include("lessons.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "website.health.server_error"
