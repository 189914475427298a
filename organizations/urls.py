from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="list"),
    path("export.csv", views.OrganizationExportView.as_view(format="csv"), name="export-csv"),
    path(
        "export-excel.csv",
        views.OrganizationExportView.as_view(format="excel"),
        name="export-excel",
    ),
    path("export.json", views.OrganizationExportView.as_view(format="json"), name="export-json"),
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="detail"),
]
