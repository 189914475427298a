from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.OfficialDocumentListView.as_view(), name="list"),
    path("<slug:slug>/", views.OfficialDocumentDetailView.as_view(), name="detail"),
]
