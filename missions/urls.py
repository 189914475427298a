from django.urls import path

from missions import views

app_name = "missions"
urlpatterns = [
    path("", views.MissionListView.as_view(), name="list"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("map/", views.MapView.as_view(), name="map"),
    path("export.csv", views.MissionExportView.as_view(format="csv"), name="export-csv"),
    path("export.json", views.MissionExportView.as_view(format="json"), name="export-json"),
    path("<slug:slug>/", views.MissionDetailView.as_view(), name="detail"),
    path("<slug:slug>.json", views.MissionJSONView.as_view(), name="detail-json"),
]
