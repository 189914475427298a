from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("lessons/", views.LessonListView.as_view(), name="list"),
    path("lessons/export.csv", views.LessonExportView.as_view(format="csv"), name="export-csv"),
    path(
        "lessons/export-excel.csv",
        views.LessonExportView.as_view(format="excel"),
        name="export-excel",
    ),
    path("lessons/export.json", views.LessonExportView.as_view(format="json"), name="export-json"),
    path("lessons/themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("lessons/<slug:slug>/", views.LessonDetailView.as_view(), name="detail"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
]
