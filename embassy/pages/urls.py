from django.urls import path

from embassy.pages import views

app_name = "pages"

# Last of the site's public addresses: every address no other part of the site answers may be
# a page's (Page.address_is_free() keeps pages off the others').
urlpatterns = [
    path("<path:path>/", views.PageView.as_view(), name="page"),
]
