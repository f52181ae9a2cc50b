from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
    path(
        "<int:year>/<str:month>/<str:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
]
