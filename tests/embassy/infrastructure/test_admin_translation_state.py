"""What staff see of each translation's state in the admin (admin_translation_state): the
"translations" column and filter on every translated model's list, what changed in the original
on an outdated item's form, and saving the translation, or ticking it as needing no change,
marking it up to date."""

import pytest
from django.conf import settings

from news.models import Article, Kind, Status
from tests.factories import make_article, make_clock, make_contact_point, make_counter
from tests.helpers import text, verified_login

# These save through the admin and check what the save does to the live row; a second pair of
# eyes is tested in tests/embassy/editorial/ (conftest.review_not_required).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]


def outdated(article, **values):
    """The article with its English text changed after its translation was saved."""
    article = Article.objects.get(pk=article.pk)
    for name, value in values.items():
        setattr(article, name, value)
    article.save()
    assert article.is_outdated_in("ru")
    return article


def test_the_list_says_for_each_item_whether_its_translation_is_missing_outdated_or_up_to_date(
    admin_client,
):
    make_article(title="Translated")
    outdated(make_article(title="Changed since"), title_en="Changed since, in English")
    make_article(title="Untranslated", translate=False)
    page = admin_client.get("/admin/news/article/").content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in page.split("<tr")[2:]}
    assert '<td class="field-translations">Russian: up to date</td>' in rows["Translated"]
    assert "Russian: outdated" in rows["Changed since, in English"]
    assert "Russian: missing" in rows["Untranslated"]


@pytest.mark.parametrize(
    "choice, expected",
    [
        ("ru:missing", ["Untranslated"]),
        ("ru:outdated", ["Changed since, in English"]),
        ("ru:up-to-date", ["Translated"]),
        ("xx:missing", ["Changed since, in English", "Translated", "Untranslated"]),
    ],
)
def test_the_filter_lists_the_items_in_one_state_of_one_language(admin_client, choice, expected):
    make_article(title="Translated")
    outdated(make_article(title="Changed since"), title_en="Changed since, in English")
    make_article(title="Untranslated", translate=False)
    response = admin_client.get("/admin/news/article/", {"translation": choice, "o": "2"})
    listed = [article.title_en for article in response.context["cl"].result_list]
    assert listed == expected


def test_the_filter_offers_each_state_of_each_other_language(admin_client):
    page = text(admin_client.get("/admin/news/article/"))
    assert "By translation" in page
    for choice in ("Russian: missing", "Russian: outdated", "Russian: up to date"):
        assert choice in page


@pytest.mark.parametrize(
    "make, url",
    [
        (make_contact_point, "/admin/consular/contactpoint/"),
        (make_clock, "/admin/embassy/clock/"),
        (make_counter, "/admin/embassy/incidentcounter/"),
    ],
)
def test_every_translated_models_list_has_the_column_and_the_filter(admin_client, make, url):
    make(translate=False)
    assert "Russian: missing" in text(admin_client.get(url))
    response = admin_client.get(url, {"translation": "ru:up-to-date"})
    assert list(response.context["cl"].result_list) == []


def test_the_form_of_an_outdated_item_shows_what_changed_in_the_original_field_by_field(
    admin_client,
):
    article = make_article(
        title="Ministers meet",
        body="<p>The ministers met.</p><p>They agreed a plan.</p><p>Talks go on.</p>",
    )
    article = outdated(
        article,
        title_en="Ministers meet in Yerevan",
        body_en="<p>The ministers met.</p><p>They agreed <strong>two</strong> plans.</p>"
        "<p>Talks go on.</p>",
    )
    page = admin_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    section = page.split("Changes to the original since it was translated")[1].split("</fieldset>")[
        0
    ]
    assert "<h3>Russian</h3>" in section
    assert "<h4>Title</h4>" in section
    assert (
        '<del><span class="visually-hidden">Removed: </span>'
        '<span lang="en">Ministers meet</span></del>' in section
    )
    assert (
        '<ins><span class="visually-hidden">Added: </span><span lang="en">Ministers meet in Yerevan'
        "</span></ins>" in section
    )
    # The body compared as text: its unchanged paragraphs around the change, no markup.
    assert "<h4>Body</h4>" in section
    assert '<p class="diff-same" lang="en">The ministers met.</p>' in section
    assert '<span lang="en">They agreed two plans.</span></ins>' in section
    assert "&lt;strong&gt;" not in section
    # The lead did not change: not listed.
    assert "<h4>Lead</h4>" not in section
    assert 'name="translations_checked" value="ru"' in section


def test_the_form_of_an_up_to_date_item_has_no_changes_section(admin_client):
    article = make_article()
    page = text(admin_client.get(f"/admin/news/article/{article.pk}/change/"))
    assert "Changes to the original" not in page
    assert "Translations that need no change" not in page


def test_the_changes_are_shown_in_russian_to_staff_working_in_russian(admin_client):
    article = outdated(make_article(title="Ministers meet"), title_en="Ministers met")
    response = admin_client.get(
        f"/admin/news/article/{article.pk}/change/", HTTP_ACCEPT_LANGUAGE="ru"
    )
    page = response.content.decode()
    assert "Изменения оригинала после перевода" in page
    assert '<span class="visually-hidden">Удалено: </span>' in page
    assert "<h3>Русский</h3>" in page
    listing = text(admin_client.get("/admin/news/article/", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Русский: устарел" in listing


def form_of(article, **changes):
    """The change form's POST data: every language's text of the article as it is, then
    `changes`."""
    data = {
        "kind": Kind.SPEECH,
        "slug": article.slug,
        "source_url": "",
        "status": Status.PUBLISHED,
        "published_at_0": "2022-06-28",
        "published_at_1": "10:00:00",
        "delivered_on": "",
        "_save": "Save",
    }
    for field in ("title", "lead", "body", "delivered_at", "image_alt", "image_caption"):
        for code, _name in settings.LANGUAGES:
            data[f"{field}_{code}"] = getattr(article, f"{field}_{code}") or ""
    return data | changes


def test_saving_a_change_to_the_translation_clears_the_flag(admin_client):
    article = outdated(make_article(title="Ministers meet"), title_en="Ministers met")
    url = f"/admin/news/article/{article.pk}/change/"
    assert admin_client.post(url, form_of(article)).status_code == 302
    assert Article.objects.get(pk=article.pk).is_outdated_in("ru")  # nothing translated

    assert (
        admin_client.post(url, form_of(article, title_ru="Министры встретились")).status_code == 302
    )
    assert not Article.objects.get(pk=article.pk).is_outdated_in("ru")


def test_ticking_a_translation_that_needs_no_change_marks_it_up_to_date(admin_client):
    article = outdated(make_article(title="Ministers meet"), title_en="Ministers  meet")
    url = f"/admin/news/article/{article.pk}/change/"
    response = admin_client.post(url, form_of(article, translations_checked=["ru"]))
    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert not article.is_outdated_in("ru")
    assert article.translation_sources["ru"]["title"] == "Ministers  meet"


def test_a_change_of_the_original_in_the_form_outdates_the_translation(admin_client):
    article = make_article(title="Ministers meet")
    url = f"/admin/news/article/{article.pk}/change/"
    assert admin_client.post(url, form_of(article, title_en="Ministers met")).status_code == 302
    assert Article.objects.get(pk=article.pk).is_outdated_in("ru")


def test_staff_who_may_only_view_see_the_changes_without_the_tick_box(client):
    from django.contrib.auth.models import Permission, User

    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    verified_login(client, viewer)
    article = outdated(make_article(title="Ministers meet"), title_en="Ministers met")
    response = client.get(f"/admin/news/article/{article.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<span lang="en">Ministers met</span></ins>' in page
    assert "translations_checked" not in page
