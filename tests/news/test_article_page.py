"""Article pages: stable dated URLs, visibility, the staff preview, content and sharing tags."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User

from news.models import Kind, Status
from tests.factories import make_article
from tests.helpers import (
    frozen_at,
    json_ld,
    main,
    meta,
    page_queries,
    text,
    verified_login,
    warm_header,
)
from tests.news.image_files import jpeg_upload

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
# 23:30 UTC on 10 June is 00:30 on 11 June in London (BST): the URL carries the London date.
LATE_EVENING_UTC = datetime(2022, 6, 10, 23, 30, tzinfo=UTC)


frozen = frozen_at(NOW)


def staff(client, *, may_change=True, second_factor=True):
    user = User.objects.create_user("press", password="x", is_staff=True)
    if may_change:
        user.user_permissions.add(Permission.objects.get(codename="change_article"))
    if second_factor:
        verified_login(client, user)
    else:
        client.force_login(user)
    return user


def test_url_carries_the_local_publication_date():
    article = make_article(slug="csto-yerevan", published_at=LATE_EVENING_UTC)
    assert article.get_absolute_url() == "/news/2022/06/11/csto-yerevan/"


def test_page_shows_kind_date_title_lead_body_and_source(client):
    make_article(
        "Statement in Yerevan",
        slug="csto-yerevan",
        kind=Kind.SPEECH,
        published_at=LATE_EVENING_UTC,
        lead="The ministers adopted a statement.",
        body="<p>Full <strong>text</strong>.</p>",
        source_url="https://mid.ru/en/foreign_policy/news/1817245/",
    )
    response = client.get("/news/2022/06/11/csto-yerevan/")
    assert response.status_code == 200
    page, html = text(response), main(response)
    assert "Speech · 11 June 2022" in page
    assert html.count("<h1") == 1 and "<h1>Statement in Yerevan</h1>" in html
    assert '<p class="lead">The ministers adopted a statement.</p>' in html
    assert "<p>Full <strong>text</strong>.</p>" in html
    assert 'href="https://mid.ru/en/foreign_policy/news/1817245/"' in html
    assert "Not published" not in page


def test_image_is_shown_with_its_alt_text_and_caption(client):
    article = make_article(
        image=jpeg_upload(), image_alt="Ministers at the table", image_caption="Yerevan, 10 June"
    )
    html = main(client.get(article.get_absolute_url()))
    assert 'alt="Ministers at the table"' in html
    assert "<figcaption>Yerevan, 10 June</figcaption>" in html


@pytest.mark.parametrize(
    ("delivered_on", "delivered_at", "line"),
    [
        (date(2022, 6, 10), "Yerevan", "Delivered in Yerevan on 10 June 2022"),
        (date(2022, 6, 10), "", "Delivered on 10 June 2022"),
        (date(2022, 6, 11), "Yerevan", "Delivered in Yerevan"),
        (None, "", None),
        # The same day as the publication: nothing worth saying.
        (date(2022, 6, 11), "", None),
    ],
)
def test_delivery_line_when_it_differs_from_the_publication(
    client, delivered_on, delivered_at, line
):
    article = make_article(
        published_at=LATE_EVENING_UTC, delivered_on=delivered_on, delivered_at=delivered_at
    )
    page = text(client.get(article.get_absolute_url()))
    if line:
        assert line in page
        assert f"{line} on" not in page
    else:
        assert "Delivered" not in page


@pytest.mark.parametrize(
    "wrong", ["/news/2022/06/10/csto-yerevan/", "/news/2021/01/01/csto-yerevan/"]
)
def test_a_wrong_date_redirects_permanently_to_the_right_one(client, wrong):
    make_article(slug="csto-yerevan", published_at=LATE_EVENING_UTC)
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == "/news/2022/06/11/csto-yerevan/"


@pytest.mark.parametrize(
    "path",
    [
        "/news/2022/06/11/no-such-article/",
        "/news/2022/6/11/csto-yerevan/",
        "/news/22/06/11/csto-yerevan/",
        "/news/2022/13/45/no-such-article/",
        "/news/2022/06/1x/csto-yerevan/",
    ],
)
def test_unknown_slugs_and_malformed_dates_are_404(client, path):
    make_article(slug="csto-yerevan", published_at=LATE_EVENING_UTC)
    assert client.get(path).status_code == 404


def test_drafts_and_scheduled_articles_are_404_for_visitors_even_at_a_wrong_date(client):
    draft = make_article(slug="draft", status=Status.DRAFT)
    scheduled = make_article(slug="scheduled", published_at=NOW + timedelta(seconds=1))
    for article in (draft, scheduled):
        assert client.get(article.get_absolute_url()).status_code == 404
        # No redirect either: that would tell a visitor the item exists.
        assert client.get(f"/news/2001/01/01/{article.slug}/").status_code == 404


def test_a_scheduled_article_appears_at_its_moment(client):
    moment = NOW + timedelta(hours=1)
    article = make_article(published_at=moment)
    with time_machine.travel(moment - timedelta(microseconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(moment, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_staff_who_may_change_articles_preview_a_draft_with_a_banner(client):
    staff(client)
    draft = make_article("Draft statement", status=Status.DRAFT)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert "Not published." in page and "This is a draft" in page
    assert "Draft statement" in page


def test_staff_preview_a_scheduled_article_with_its_moment(client):
    staff(client)
    article = make_article(published_at=datetime(2022, 7, 1, 8, 0, tzinfo=UTC))
    page = text(client.get(article.get_absolute_url()))
    assert "Not published." in page
    assert "scheduled for 1 July 2022, 09:00" in page


def test_staff_past_the_password_only_get_404_for_a_draft(client):
    """A stolen password shows no draft: the preview waits for the second factor, as the
    admin does."""
    staff(client, second_factor=False)
    draft = make_article(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_without_the_change_permission_get_404_for_a_draft(client):
    staff(client, may_change=False)
    draft = make_article(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_open_graph_canonical_and_json_ld(client):
    article = make_article(
        "Statement in Yerevan",
        slug="csto-yerevan",
        published_at=LATE_EVENING_UTC,
        lead="The ministers adopted a statement.",
        source_url="https://mid.ru/en/foreign_policy/news/1817245/",
        image=jpeg_upload(),
        image_alt="Ministers",
    )
    response = client.get(article.get_absolute_url())
    url = "http://testserver/news/2022/06/11/csto-yerevan/"
    assert f'<link rel="canonical" href="{url}">' in response.content.decode()
    assert meta(response, "og:title") == "Statement in Yerevan"
    assert meta(response, "og:type") == "article"
    assert meta(response, "og:url") == url
    assert meta(response, "og:description") == "The ministers adopted a statement."
    assert meta(response, "og:image").startswith("http://testserver/")
    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Statement in Yerevan"
    assert data["url"] == url
    assert data["datePublished"] == "2022-06-11T00:30:00+01:00"
    assert data["image"] == [meta(response, "og:image")]
    assert data["isBasedOn"] == "https://mid.ru/en/foreign_policy/news/1817245/"


def test_without_an_image_there_is_no_og_image_and_the_body_describes_the_page(client):
    article = make_article(lead="", body="<p>Opening words &amp; more.</p>")
    response = client.get(article.get_absolute_url())
    assert meta(response, "og:image") is None
    assert meta(response, "og:description") == "Opening words &amp; more."
    assert "image" not in json_ld(response)


def test_a_title_cannot_break_out_of_the_json_ld_block(client):
    title = '</script><script>alert("x")</script><!--'
    article = make_article(title)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert" not in html
    assert json_ld(response)["headline"] == title


@pytest.mark.usefixtures("no_page_cache")
def test_article_page_costs_one_query(client, django_assert_num_queries):
    article = make_article(image=jpeg_upload(), image_alt="A picture")
    warm_header()
    with django_assert_num_queries(page_queries(1)):
        assert client.get(article.get_absolute_url()).status_code == 200
