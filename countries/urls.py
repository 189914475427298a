from django.urls import path

from countries import views

app_name = "countries"
urlpatterns = [
    path("", views.CountryIndexView.as_view(), name="index"),
    path("<str:code>/", views.CountryDetailView.as_view(), name="detail"),
]
