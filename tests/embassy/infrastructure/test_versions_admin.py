"""The admin's versions (embassy/infrastructure/versions_admin.py): each admin save keeps a
version with its staff member; the history compares two versions side by side and restores one
in one step; staff reach the history of their own area only."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.messages.storage import default_storage
from django.urls import path
from reversion.models import Version

from consular.models import ContactPoint, HoursException, Notice
from embassy.infrastructure.versions_admin import VersionsAdmin
from embassy.sitewide import roles
from embassy.sitewide.models import Clock, IncidentCounter
from news.models import Article, Event, Status
from tests.consular.admin_forms import contact_point_form, phone
from tests.factories import make_article, make_clock, make_contact_point, make_counter, make_event
from tests.helpers import admin_form, frozen_at, text, verified_login

# These save through the admin and check what the save does to the live row; a second pair of
# eyes is tested in tests/embassy/editorial/ (conftest.review_not_required).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)  # 13:46 in London
frozen = frozen_at(NOW)


def staff(username: str, area: roles.Area | None = None) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if area is not None:
        user.groups.add(Group.objects.get(name=area.group))
    return user


@pytest.fixture
def press_user():
    """A publisher of the press office (whose saves go live with review off)."""
    user = staff("press-officer", roles.PRESS_OFFICE)
    user.groups.add(Group.objects.get(name=roles.PRESS_OFFICE.publishers))
    return user


@pytest.fixture
def press(client, press_user):
    verified_login(client, press_user)
    return client


@pytest.fixture
def consul(client):
    verified_login(client, staff("consul", roles.CONSULAR_SECTION))
    return client


def history(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def edited_article(frozen, **fields):
    """An article saved twice: "Talks in Yerevan" the day before, then "Talks in Moscow" now
    (the staff member's session, opened now, stays within its limits)."""
    frozen.shift(-timedelta(days=1))
    article = make_article(
        title="Talks in Yerevan",
        body="<p>The ministers <strong>met</strong> in Yerevan.</p><p>They agreed.</p>",
        **fields,
    )
    frozen.shift(timedelta(days=1))
    article.title = "Talks in Moscow"
    article.body = "<p>The ministers <strong>met</strong> in Moscow.</p><p>They agreed.</p>"
    article.save()
    return article


def article_form(article, **fields):
    data = {
        "kind": article.kind,
        "title": article.title,
        "slug": article.slug,
        "lead": "",
        "body": article.body,
        "source_url": "",
        "image_alt": "",
        "image_caption": "",
        "status": article.status,
        "published_at_0": "2022-06-28",
        "published_at_1": "10:00",
        "delivered_on": "",
        "delivered_at": "",
        "_save": "Save",
    }
    return admin_form(data | fields)


# Saves in the admin


def test_an_article_added_and_changed_in_the_admin_keeps_versions_with_who(press, press_user):
    article = make_article(title="Draft title")
    Version.objects.all().delete()
    response = press.post(
        f"/admin/news/article/{article.pk}/change/", article_form(article, title="Final title")
    )
    assert response.status_code == 302
    response = press.post(
        "/admin/news/article/add/", article_form(article, title="Another", slug="another")
    )
    assert response.status_code == 302
    changed = history(article)
    added = history(Article.objects.get(slug="another"))
    assert [v.field_dict["title"] for v in changed] == ["Final title"]
    assert changed[0].revision.user == added[0].revision.user == press_user
    page = text(press.get(f"/admin/news/article/{article.pk}/history/"))
    assert "press-officer" in page and "Changed Title" in page


def test_a_bulk_action_keeps_a_version_of_each_item_it_changed(press, press_user):
    drafts = [make_article(status=Status.DRAFT) for _ in range(2)]
    press.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [d.pk for d in drafts], "index": "0"},
    )
    for draft in drafts:
        latest = history(draft)[0]
        assert latest.field_dict["status"] == "published"
        assert latest.revision.user == press_user


def test_a_contact_point_with_its_numbers_changed_in_the_admin_is_one_version(consul):
    desk = make_contact_point(name="Visas", numbers=["+44 20 7946 0321"])
    number = desk.phone_numbers.get()
    before = len(history(desk))
    form = contact_point_form(
        name="Visas and passports",
        phones=[
            phone("+44 20 7946 0321", id=number.pk, contact_point=desk.pk),
            phone("+44 20 7946 0322", contact_point=desk.pk),
        ],
        initial={"phone_numbers": 1},
    )
    response = consul.post(f"/admin/consular/contactpoint/{desk.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(history(desk)) == before + 1
    latest = history(desk)[0]
    numbers = latest.revision.version_set.filter(content_type__model="phonenumber")
    assert numbers.count() == 2


# Comparing


def test_the_comparison_shows_changed_fields_side_by_side_and_the_body_as_words(press, frozen):
    article = edited_article(frozen)
    old, new = sorted(v.pk for v in history(article))
    response = press.get(f"/admin/news/article/{article.pk}/history/compare/", {"a": new, "b": old})
    html = response.content.decode()
    changed = html[html.index("What differs") : html.index("the same in both")]
    # The title, old on the left, new on the right.
    assert re.search(
        r"Title \[en\]</th>\s*<td><div class=\"version-text\"><del>.*?Talks in Yerevan</del>"
        r"</div></td>\s*<td><div class=\"version-text\"><ins>.*?Talks in Moscow</ins>",
        changed,
    )
    # The body as the words a reader sees: no markup, the changed word marked.
    assert '<del><span class="visually-hidden">[removed:] </span>Yerevan.</del>' in changed
    assert '<ins><span class="visually-hidden">[added:] </span>Moscow.</ins>' in changed
    assert "&lt;strong&gt;" not in html and "&lt;p&gt;" not in html
    assert "They agreed." in changed
    # Unchanged fields are listed apart.
    unchanged = html[html.index("the same in both") :]
    assert "Slug" in unchanged and "Slug" not in changed
    # A translated field once per language, as the form shows it (the Russian text is the same).
    assert "Title [ru]" in unchanged and '<th scope="row">Title</th>' not in html


def test_a_change_of_formatting_alone_is_said(press, frozen):
    article = make_article(body="<p>The ministers met.</p>")
    article.body = "<p>The ministers <strong>met</strong>.</p>"
    article.save()
    page = text(press.get(f"/admin/news/article/{article.pk}/history/compare/"))
    assert "Only the formatting differs" in page


def test_the_comparison_of_a_contact_point_lists_its_numbers(consul):
    desk = make_contact_point(numbers=["+44 20 7946 0321"])
    desk.phone_numbers.create(number="+44 20 7946 0322", order=1)
    html = consul.get(f"/admin/consular/contactpoint/{desk.pk}/history/compare/").content.decode()
    assert "Phone numbers</th>" in html
    assert "</span>020 7946 0322</ins>" in html


def test_the_history_lists_versions_newest_first_with_restore_buttons(press, frozen):
    article = edited_article(frozen)
    old, new = sorted(history(article), key=lambda v: v.pk)
    html = press.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    assert html.index("28 June 2022, 13:46") < html.index("27 June 2022, 13:46")
    assert f'action="/admin/news/article/{article.pk}/history/{old.pk}/restore/"' in html
    # The current version has nothing to restore.
    assert f"/history/{new.pk}/restore/" not in html
    assert "Saved outside the admin (by code or the shell)." in html


def test_a_version_of_another_item_is_not_found(press, frozen):
    article, other = make_article(), make_article()
    response = press.get(
        f"/admin/news/article/{article.pk}/history/compare/",
        {"a": history(other)[0].pk, "b": history(article)[0].pk},
    )
    assert response.status_code == 404
    url = f"/admin/news/article/{article.pk}/history/{history(other)[0].pk}/restore/"
    assert press.post(url).status_code == 404


# Restoring


def test_restoring_in_one_step_makes_a_new_version_shows_at_once_and_is_logged(
    press, press_user, frozen, client
):
    article = edited_article(frozen, status=Status.PUBLISHED, published_at=NOW)
    public = article.get_absolute_url()
    assert "Talks in Moscow" in text(client.get(public))  # cached now
    old = min(history(article), key=lambda v: v.pk)
    response = press.post(f"/admin/news/article/{article.pk}/history/{old.pk}/restore/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/news/article/{article.pk}/history/"
    article.refresh_from_db()
    assert article.title == "Talks in Yerevan"
    versions = history(article)
    assert len(versions) == 3 and versions[0].revision.user == press_user
    entry = LogEntry.objects.get(object_id=str(article.pk), action_flag=CHANGE)
    assert entry.user == press_user
    assert entry.get_change_message() == "Restored the version of 27 June 2022, 13:46."
    page = text(press.get(response["Location"]))
    assert "is as it was on 27 June 2022, 13:46 again" in page
    assert "Restored the version of 27 June 2022, 13:46." in page
    # The public page shows the restored text at once, the page cache notwithstanding.
    client.logout()
    assert "Talks in Yerevan" in text(client.get(public))


def test_a_restore_that_is_not_valid_says_why_and_changes_nothing(press, frozen):
    article = make_article(slug="the-slug", title="Old")
    old = history(article)[0]
    article.slug, article.title = "new-slug", "New"
    article.save()
    make_article(slug="the-slug")
    response = press.post(
        f"/admin/news/article/{article.pk}/history/{old.pk}/restore/", follow=True
    )
    assert "was not restored: Another item already uses this slug." in text(response)
    article.refresh_from_db()
    assert article.title == "New"


def test_a_restore_needs_a_post(press):
    article = make_article()
    url = f"/admin/news/article/{article.pk}/history/{history(article)[0].pk}/restore/"
    assert press.get(url).status_code == 405


# Permissions: each area's history to its own staff only.

AREA_ITEMS = {
    "news/article": make_article,
    "news/event": make_event,
    "embassy/clock": make_clock,
    "embassy/incidentcounter": make_counter,
    "consular/contactpoint": make_contact_point,
    "consular/notice": lambda: Notice.objects.create(title="Closed", text="Closed."),
    # A change to the hours for every desk (no contact point of its own).
    "consular/hoursexception": lambda: HoursException.objects.create(
        date=date(2030, 12, 25), reason="Christmas Day"
    ),
}
PRESS_AREA = {"news/article", "news/event", "embassy/clock", "embassy/incidentcounter"}


@pytest.mark.parametrize("area", [roles.PRESS_OFFICE, roles.CONSULAR_SECTION])
@pytest.mark.parametrize("model", sorted(AREA_ITEMS))
def test_staff_see_and_restore_the_history_of_their_own_area_only(client, area, model):
    obj = AREA_ITEMS[model]()
    version = history(obj)[-1]
    verified_login(client, staff("someone", area))
    own = (model in PRESS_AREA) == (area is roles.PRESS_OFFICE)
    base = f"/admin/{model}/{obj.pk}/history/"
    expected = 200 if own else 403
    assert client.get(base).status_code == expected
    assert client.get(f"{base}compare/").status_code == expected
    restored = client.post(f"{base}{version.pk}/restore/")
    assert restored.status_code == (302 if own else 403)
    assert len(history(obj)) == (2 if own else 1) + (obj.__class__ is ContactPoint)


def test_a_viewer_reads_the_history_but_cannot_restore(client):
    article = make_article()
    viewer = staff("viewer")
    viewer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    verified_login(client, viewer)
    base = f"/admin/news/article/{article.pk}/history/"
    page = client.get(base).content.decode()
    assert "restore/" not in page
    assert client.get(f"{base}compare/").status_code == 200
    assert client.post(f"{base}{history(article)[0].pk}/restore/").status_code == 403


def test_visitors_are_sent_to_the_login(client):
    article = make_article()
    response = client.get(f"/admin/news/article/{article.pk}/history/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Composition with other admin bases


class OtherBase(admin.ModelAdmin):
    """Another admin base in the MRO (as modeltranslation's TabbedTranslationAdmin will be):
    its URLs and its change view still run."""

    calls: list[str] = []

    def get_urls(self):
        return [path("other/", lambda request: None, name="other"), *super().get_urls()]

    def change_view(self, request, *args, **kwargs):
        self.calls.append("other change_view")
        return super().change_view(request, *args, **kwargs)


def test_the_mixin_composes_with_other_admin_bases(rf, press_user):
    class Composed(VersionsAdmin, OtherBase):
        pass

    class Plain(VersionsAdmin, admin.ModelAdmin):
        pass

    site = admin.AdminSite(name="composed")
    composed = Composed(Clock, site)
    names = [url.name for url in composed.get_urls()]
    assert {"embassy_clock_compare", "embassy_clock_restore", "other"} <= set(names)
    assert names.index("embassy_clock_compare") < names.index("embassy_clock_change")
    assert [url.name for url in Plain(Clock, site).get_urls()][:2] == [
        "embassy_clock_compare",
        "embassy_clock_restore",
    ]
    # The other base's change view runs inside the mixin's revision: its save is versioned.
    clock = make_clock(city="Londn")
    request = rf.post(
        "/",
        # A plain ModelAdmin's form: the original column and the default language's.
        {
            "city": "London",
            "city_en": "London",
            "time_zone": "Europe/London",
            "order": "0",
            "_save": "Save",
        },
    )
    request.user = press_user
    request._dont_enforce_csrf_checks = True
    request.session = {}
    request._messages = default_storage(request)
    OtherBase.calls.clear()
    assert composed.change_view(request, str(clock.pk)).status_code == 302
    assert OtherBase.calls == ["other change_view"]
    latest = history(clock)[0]
    assert latest.field_dict["city_en"] == "London" and latest.revision.user == press_user


@pytest.mark.parametrize(
    "model", [Article, Event, Clock, IncidentCounter, ContactPoint, HoursException, Notice]
)
def test_every_content_admin_keeps_versions(model):
    assert isinstance(admin.site._registry[model], VersionsAdmin)


def test_the_history_in_russian(press, frozen):
    article = edited_article(frozen)
    press.cookies["django_language"] = "ru"
    page = text(press.get(f"/admin/news/article/{article.pk}/history/"))
    assert "История" in page
    assert "Сравнить выбранные версии" in page
    assert "Сохранено не в админке" in page
    compare = text(press.get(f"/admin/news/article/{article.pk}/history/compare/"))
    assert "Что различается" in compare
