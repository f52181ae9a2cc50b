"""The press office's admin for articles and events: lists, forms, pictures, bulk actions, history.

Every refused form is checked for its message and for having saved nothing: no row, no file.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from news.models import Article, Event, Kind, Status
from tests.factories import make_article, make_event
from tests.helpers import admin_form, frozen_at, verified_login
from tests.news import image_files
from tests.news.image_files import media_files, upload

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)  # 13:46 in London (BST)


@pytest.fixture
def press_user():
    """A press publisher: add, change, view and publish articles and events, nothing more."""
    user = User.objects.create_user("press-officer", password="pw", is_staff=True)
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change", "view", "publish")
        for model in ("article", "event")
    ]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
    )
    return user


@pytest.fixture
def press(client, press_user):
    verified_login(client, press_user)
    return client


frozen = frozen_at(NOW)


def article_form(**fields):
    data = {
        "kind": Kind.SPEECH,
        "title": "Speech at the Yerevan meeting",
        "slug": "speech-yerevan",
        "lead": "",
        "body": "<p>The ministers met.</p>",
        "source_url": "https://mid.ru/en/foreign_policy/news/1817245/",
        "image_alt": "",
        "image_caption": "",
        "status": Status.PUBLISHED,
        "published_at_0": "2022-06-28",
        "published_at_1": "10:00:00",
        "delivered_on": "",
        "delivered_at": "",
        "_save": "Save",
    }
    return admin_form(data | fields)


# Lists


def test_the_list_says_what_is_visible_scheduled_or_draft(press):
    make_article(title="Out now", published_at=NOW - timedelta(hours=1))
    make_article(title="Tomorrow's", published_at=NOW + timedelta(days=1))
    make_article(title="Unfinished", status=Status.DRAFT)
    page = press.get("/admin/news/article/").content.decode()
    rows = {title: row for row in page.split("<tr") for title in [row_title(row)] if title}
    assert '<td class="field-publication">Published</td>' in rows["Out now"]
    assert "Scheduled for 29 June 2022, 13:46" in rows["Tomorrow&#x27;s"]
    assert '<td class="field-publication">Draft</td>' in rows["Unfinished"]
    visible = {
        title: 'field-visible_now"><img src="/static/admin/img/icon-yes' in row
        for title, row in rows.items()
    }
    assert visible == {"Out now": True, "Tomorrow&#x27;s": False, "Unfinished": False}


def row_title(row):
    for title in ["Out now", "Tomorrow&#x27;s", "Unfinished"]:
        if f">{title}</a>" in row:
            return title
    return None


def test_the_list_costs_the_same_queries_for_many_items(press):
    make_article()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert press.get("/admin/news/article/").status_code == 200
        return len(queries)

    few = count()
    for _n in range(15):
        make_article()
    assert count() == few


@pytest.mark.parametrize(
    ("visibility", "titles"),
    [("visible", {"Out now"}), ("scheduled", {"Tomorrow's"}), ("draft", {"Unfinished"})],
)
def test_the_visibility_filter(press, visibility, titles):
    make_article(title="Out now", published_at=NOW - timedelta(hours=1))
    make_article(title="Tomorrow's", published_at=NOW + timedelta(days=1))
    make_article(title="Unfinished", status=Status.DRAFT)
    response = press.get("/admin/news/article/", {"visibility": visibility})
    shown = {article.title for article in response.context["cl"].result_list}
    assert shown == titles


def test_the_list_filters_by_status_and_kind_and_searches(press):
    make_article(title="A speech on security", kind=Kind.SPEECH)
    make_article(title="An interview", kind=Kind.INTERVIEW, body="<p>About security.</p>")
    make_article(title="A statement", kind=Kind.STATEMENT, status=Status.DRAFT)

    def titles(**query):
        response = press.get("/admin/news/article/", query)
        return {article.title for article in response.context["cl"].result_list}

    assert titles(kind__exact="interview") == {"An interview"}
    assert titles(status__exact="draft") == {"A statement"}
    assert titles(q="security") == {"A speech on security", "An interview"}


def test_the_event_list_shows_date_and_place(press):
    make_event(title="Talks in Tehran", place="Tehran", starts_on=NOW.date())
    page = press.get("/admin/news/event/").content.decode()
    assert "Talks in Tehran" in page and "Tehran" in page
    assert press.get("/admin/news/event/", {"q": "Tehran"}).context["cl"].result_count == 1


# Forms


def test_the_form_names_the_time_zone_and_its_offset(press, press_user):
    page = press.get("/admin/news/article/add/").content.decode()
    assert "Times are in Europe/London time (UTC+01:00 today)." in page
    with time_machine.travel(datetime(2022, 12, 1, 12, tzinfo=UTC), tick=False):
        verified_login(press, press_user)
        page = press.get("/admin/news/event/add/").content.decode()
    # The publication time is the host city's; the event's own times are in its zone.
    assert page.count("Times are in Europe/London time (UTC+00:00 today).") == 1
    assert page.count("In the event's time zone (below).") == 1


def test_the_date_and_the_time_input_are_each_named_after_the_field(press):
    # Django's label of a date-and-time field is for neither input.
    page = press.get("/admin/news/article/add/").content.decode()
    assert 'aria-label="Publication time: date"' in page
    assert 'aria-label="Publication time: time"' in page


def test_the_body_is_edited_in_the_prose_editor_served_from_our_own_static_files(press):
    page = press.get("/admin/news/article/add/").content.decode()
    assert "data-django-prose-editor-configurable" in page
    assert "/static/django_prose_editor/editor.js" in page
    assert "cdn" not in page.lower()
    # The file picker offers only the formats the site accepts.
    assert 'accept="image/jpeg,image/png,image/webp"' in page


def test_an_article_is_added_with_its_body_sanitized(press, press_user):
    body = '<p>Text<script>alert(1)</script></p><p class="question">Why?</p>'
    response = press.post("/admin/news/article/add/", article_form(body=body))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body == '<p>Text</p><p class="question">Why?</p>'
    assert article.published_at == datetime(2022, 6, 28, 9, 0, tzinfo=UTC)  # 10:00 in London
    entry = LogEntry.objects.get()
    assert entry.user == press_user and entry.object_id == str(article.pk)


def test_the_form_cleans_the_body_with_the_allow_list(press_user, rf):
    from django.contrib import admin

    request = rf.get("/")
    request.user = press_user
    form_class = admin.site.get_model_admin(Article).get_form(request)
    form = form_class(data=article_form(body='<p onclick="x()">Hi<iframe src="x"></iframe></p>'))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body_en"] == "<p>Hi</p>"


def test_a_taken_slug_gets_a_clear_error_and_nothing_is_saved(press):
    make_article(slug="speech-yerevan", title="The first one")
    response = press.post("/admin/news/article/add/", article_form())
    assert response.status_code == 200
    assert "Another item already uses this slug." in response.content.decode()
    assert Article.objects.count() == 1


def test_an_article_with_a_picture_is_saved_with_its_renditions(press, settings):
    data = article_form(image=upload(image_files.jpeg(1200, 800, gps=True)), image_alt="Talks")
    response = press.post("/admin/news/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert [r["width"] for r in article.image_renditions["renditions"]] == [480, 960, 1200]
    assert len(media_files(settings)) == 7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (image_files.NOT_AN_IMAGE, "This file is not a JPEG, PNG or WebP picture."),
        (image_files.refused_format("GIF"), "This file is not a JPEG, PNG or WebP picture."),
        (image_files.refused_format("TIFF"), "This file is not a JPEG, PNG or WebP picture."),
        (image_files.png_declaring(20_000, 20_000), "This picture has too many pixels"),
        (image_files.jpeg(600, 400)[:400], "This picture could not be read"),
        # Valid pictures whose full size no WebP copy (16383 pixels a side) or JPEG (65500)
        # could hold.
        (
            image_files.png(100, 20_000),
            "This picture is 100 × 20000 pixels; a side may be at most 16383 pixels.",
        ),
        (
            image_files.png(70_000, 10),
            "This picture is 70000 × 10 pixels; a side may be at most 65500 pixels.",
        ),
    ],
)
def test_a_refused_picture_gets_a_clear_error_and_nothing_is_saved(press, settings, data, message):
    response = press.post(
        "/admin/news/article/add/", article_form(image=upload(data), image_alt="x")
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_an_oversize_picture_gets_a_clear_error_and_nothing_is_saved(press, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 2048
    data = image_files.jpeg(800, 600)
    assert len(data) > 2048
    response = press.post(
        "/admin/news/article/add/", article_form(image=upload(data), image_alt="x")
    )
    assert "a picture may be at most 2.0\xa0KB" in response.content.decode()
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_a_picture_without_alt_text_is_refused_and_nothing_is_saved(press, settings):
    response = press.post(
        "/admin/news/article/add/", article_form(image=upload(image_files.jpeg()))
    )
    assert response.status_code == 200
    assert "alt text is required with a picture" in response.content.decode()
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_an_event_is_added_with_a_picture(press, settings):
    data = {
        "title": "News conference in Tehran",
        "slug": "tehran",
        "starts_on": "2022-06-23",
        "starts_at": "11:30",
        "ends_on": "",
        "ends_at": "",
        "place": "Tehran",
        "teaser": "Talks.",
        "body": "<p>Talks.</p>",
        "source_url": "",
        "image": upload(image_files.webp(700, 350), "conference.webp"),
        "image_alt": "The two ministers",
        "image_caption": "",
        "status": Status.PUBLISHED,
        "published_at_0": "2022-06-23",
        "published_at_1": "12:00:00",
    }
    assert press.post("/admin/news/event/add/", admin_form(data)).status_code == 302
    event = Event.objects.get()
    assert event.picture.width == 700
    assert len(media_files(settings)) == 5


def test_view_on_site_leads_to_the_item_page(press):
    article = make_article(status=Status.DRAFT, published_at=NOW)
    page = press.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    content_type = ContentType.objects.get_for_model(Article)
    link = f"/admin/r/{content_type.pk}/{article.pk}/"
    assert link in page
    response = press.get(link)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/news/2022/06/28/{article.slug}/")


def test_the_press_office_cannot_delete(press):
    article = make_article()
    assert (
        press.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Article.objects.exists()


# Bulk actions and history


def act(client, action, items, model="article"):
    return client.post(
        f"/admin/news/{model}/",
        {"action": action, "_selected_action": [item.pk for item in items]},
        follow=True,
    )


@pytest.mark.usefixtures("review_not_required")
def test_publish_publishes_and_records_each_item(press, press_user):
    drafts = [make_article(status=Status.DRAFT, published_at=NOW) for _ in range(2)]
    already = make_article(status=Status.PUBLISHED)
    response = act(press, "publish", [*drafts, already])
    assert "2 items published." in response.content.decode()
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    entries = LogEntry.objects.filter(action_flag=CHANGE, user=press_user)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(d.pk for d in drafts)
    assert all(entry.get_change_message() == "Changed status." for entry in entries)


@pytest.mark.usefixtures("review_not_required")
def test_publishing_a_scheduled_item_says_when_it_appears(press):
    draft = make_article(status=Status.DRAFT, published_at=NOW + timedelta(days=2))
    page = act(press, "publish", [draft]).content.decode()
    assert "1 item published." in page
    assert "1 of them has a publication time in the future: it appears then." in page
    assert not Article.objects.published().exists()


def test_unpublish_makes_drafts_and_records_each_item(press, press_user):
    events = [make_event() for _ in range(3)]
    response = act(press, "unpublish", events, model="event")
    assert "3 items unpublished: they are drafts again." in response.content.decode()
    assert not Event.objects.published().exists()
    assert LogEntry.objects.filter(user=press_user, action_flag=CHANGE).count() == 3


@pytest.mark.usefixtures("review_not_required")
def test_the_history_shows_who_published(press, press_user):
    draft = make_article(status=Status.DRAFT)
    act(press, "publish", [draft])
    page = press.get(f"/admin/news/article/{draft.pk}/history/").content.decode()
    # The history lists versions (embassy/infrastructure/versions_admin.py): the action's
    # version says who and which action.
    assert "press-officer" in page
    assert "Changed by the action “Publish the selected items”." in page


def test_viewers_get_no_bulk_actions(client):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    verified_login(client, viewer)
    make_article()
    response = client.get("/admin/news/article/")
    assert response.status_code == 200
    assert response.context["action_form"] is None
    assert "Publish the selected items" not in response.content.decode()


@pytest.mark.parametrize(
    ("ends_on", "ends_at", "message"),
    [
        ("2022-06-22", "", "The end date cannot be before the date."),
        ("2022-06-23", "10:00", "The end time cannot be before the time on the same day."),
    ],
)
def test_an_event_ending_before_it_starts_is_refused(press, ends_on, ends_at, message):
    data = {
        "title": "Reception",
        "slug": "reception",
        "starts_on": "2022-06-23",
        "starts_at": "11:30",
        "ends_on": ends_on,
        "ends_at": ends_at,
        "place": "",
        "teaser": "",
        "body": "",
        "source_url": "",
        "image_alt": "",
        "image_caption": "",
        "status": Status.DRAFT,
        "published_at_0": "2022-06-23",
        "published_at_1": "12:00:00",
    }
    response = press.post("/admin/news/event/add/", admin_form(data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_the_database_refuses_an_event_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(starts_on=date(2022, 6, 23), ends_on=date(2022, 6, 22))


def test_the_event_form_shows_times_in_hours_and_minutes(press, frozen):
    event = make_event(starts_at=time(18, 30), ends_at=time(20, 0, 15), published_at=NOW)
    page = press.get(f"/admin/news/event/{event.pk}/change/").content.decode()
    assert 'name="starts_at" value="18:30"' in page
    assert 'name="ends_at" value="20:00"' in page
    assert 'name="published_at_1" value="13:46"' in page


def test_the_featured_tick_says_which_kinds_it_features(press):
    page = press.get("/admin/news/article/add/").content.decode()
    assert "Only a speech, an interview or an article can be featured" in page


@pytest.mark.parametrize("kind", [Kind.STATEMENT, Kind.PRESS_RELEASE, Kind.COMMENT])
def test_featuring_a_kind_the_home_page_never_features_is_saved_with_a_warning(press, kind):
    response = press.post(
        "/admin/news/article/add/", article_form(kind=kind, is_featured="on"), follow=True
    )
    assert Article.objects.get().is_featured
    assert "is marked as featured, but only a speech" in response.content.decode()


@pytest.mark.parametrize(
    "fields", [{"kind": Kind.SPEECH, "is_featured": "on"}, {"kind": Kind.STATEMENT}]
)
def test_a_featured_speech_or_a_plain_statement_gets_no_warning(press, fields):
    response = press.post("/admin/news/article/add/", article_form(**fields), follow=True)
    assert Article.objects.exists()
    assert "is marked as featured" not in response.content.decode()


def test_a_picture_chosen_in_a_form_with_errors_is_asked_for_again(press):
    data = article_form(title="", image=upload(image_files.jpeg()), image_alt="Talks")
    response = press.post("/admin/news/article/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "title_en" in errors
    assert errors["image"] == [
        "Choose the picture again: it was not kept, because of the errors in this form. "
        "Correct them, then choose the picture and save."
    ]
    assert not Article.objects.exists()


def test_a_form_with_errors_and_no_picture_chosen_says_nothing_of_pictures(press):
    response = press.post("/admin/news/article/add/", article_form(title=""))
    assert "image" not in response.context["adminform"].form.errors
