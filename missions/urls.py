from django.urls import path
from django.views.generic import RedirectView

from missions import views

# Old addresses of records that became part of another mission's page.
MERGED = {"iptf": "unmibh"}  # the International Police Task Force, a component of UNMIBH

app_name = "missions"
urlpatterns = [
    path("", views.MissionListView.as_view(), name="list"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("map/", views.MapView.as_view(), name="map"),
    path("export.csv", views.MissionExportView.as_view(format="csv"), name="export-csv"),
    path("export-excel.csv", views.MissionExportView.as_view(format="excel"), name="export-excel"),
    path("export.json", views.MissionExportView.as_view(format="json"), name="export-json"),
    *(
        path(
            f"{old}/",
            RedirectView.as_view(pattern_name="missions:detail", permanent=True),
            {"slug": new},
        )
        for old, new in MERGED.items()
    ),
    path("<slug:slug>/", views.MissionDetailView.as_view(), name="detail"),
    path("<slug:slug>.json", views.MissionJSONView.as_view(), name="detail-json"),
]
