from django.urls import path

from missions import views

app_name = "missions"
urlpatterns = [
    path("", views.MissionListView.as_view(), name="list"),
    path("<slug:slug>/", views.MissionDetailView.as_view(), name="detail"),
]
