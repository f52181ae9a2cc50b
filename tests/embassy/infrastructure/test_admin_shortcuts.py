"""The admin's shortcuts check permissions like its pages: "view on site" (/admin/r/<type>/<id>/)
leads a staff member to an object's public address only if they may see that object here."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consular.models import Notice
from news.models import Article, Status
from tests.factories import make_article
from tests.helpers import verified_login

pytestmark = pytest.mark.django_db


def staff_of(group: str) -> User:
    user = User.objects.create_user(group.split()[0].lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def view_on_site(model, obj) -> str:
    return f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{obj.pk}/"


@pytest.fixture
def draft():
    return make_article(
        "Unannounced statement",
        slug="unannounced-statement",
        status=Status.DRAFT,
        published_at=timezone.now() + timedelta(days=2),
    )


def test_another_areas_draft_address_is_not_given_away(client, draft):
    verified_login(client, staff_of("Consular section"))
    response = client.get(view_on_site(Article, draft))
    assert response.status_code == 404
    assert "unannounced-statement" not in response.get("Location", "")


def test_the_own_areas_draft_address_is_given(client, draft):
    verified_login(client, staff_of("Press office"))
    response = client.get(view_on_site(Article, draft))
    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())


def test_a_notice_is_shown_to_the_consular_section_only(client):
    notice = Notice.objects.create(title="Closed on Monday", text="…", starts_at=timezone.now())
    verified_login(client, staff_of("Press office"))
    assert client.get(view_on_site(Notice, notice)).status_code == 404
    verified_login(client, staff_of("Consular section"))
    assert client.get(view_on_site(Notice, notice)).status_code == 302


def test_an_unknown_type_or_object_is_a_404(admin_client, draft):
    assert admin_client.get(view_on_site(Article, draft)).status_code == 302
    assert admin_client.get(f"/admin/r/999999/{draft.pk}/").status_code == 404
    assert admin_client.get(view_on_site(Article, Article(pk=999999))).status_code == 404
    user_type = ContentType.objects.get_for_model(User).pk
    assert admin_client.get(f"/admin/r/{user_type}/1/").status_code == 404


def test_visitors_are_sent_to_the_login(client, draft):
    response = client.get(view_on_site(Article, draft))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
