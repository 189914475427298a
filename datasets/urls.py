from django.urls import path

from datasets import views

app_name = "datasets"
urlpatterns = [
    path("", views.NumbersView.as_view(), name="numbers"),
    path("<slug:slug>.csv", views.DownloadView.as_view(format="csv"), name="download-csv"),
    path("<slug:slug>.json", views.DownloadView.as_view(format="json"), name="download-json"),
]
