from django.urls import path

from consular import views

app_name = "consular"

urlpatterns = [
    path("", views.index, name="index"),
    path("contact/<int:pk>.vcf", views.vcard, name="vcard"),
]
