"""The admin is named after the site, not "Django administration"."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_the_admin_is_headed_with_the_site_name(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Django administration" not in page
    assert "Embassy in London: administration" in page
    assert "<title>Site administration | Embassy in London</title>" in page


@override_settings(SITE_NAME="Embassy in Dublin")
def test_the_admin_header_follows_the_setting(admin_client):
    page = admin_client.get("/admin/consular/notice/").content.decode()
    assert "Embassy in Dublin: administration" in page
    assert "| Embassy in Dublin</title>" in page


def test_the_admin_header_is_in_the_staff_members_language(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = admin_client.get("/admin/").content.decode()
    assert "Embassy in London: администрирование" in page
