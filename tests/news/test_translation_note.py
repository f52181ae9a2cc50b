"""An article's or event's page in a language whose translation is older than the original's
latest change says so, in that language (translation_state); other pages say nothing."""

import pytest

from news.models import Article, Event
from tests.factories import make_article, make_event
from tests.helpers import text

pytestmark = pytest.mark.django_db

NOTE_RU = "Этот перевод сделан до последних изменений оригинального текста."
NOTE_EN = "This translation is older than the latest changes to the original text."


def changed_in_english(item):
    item = type(item).objects.get(pk=item.pk)
    item.title_en = f"{item.title_en}, revised"
    item.save()
    return item


@pytest.mark.parametrize("make", [make_article, make_event], ids=["article", "event"])
def test_the_russian_page_of_an_outdated_translation_says_it_is_older(client, make):
    item = changed_in_english(make())
    url = item.get_absolute_url()
    russian = text(client.get(f"/ru{url}", HTTP_ACCEPT_LANGUAGE="ru"))
    assert NOTE_RU in russian
    english = text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    assert NOTE_RU not in english and NOTE_EN not in english


@pytest.mark.parametrize("make", [make_article, make_event], ids=["article", "event"])
def test_an_up_to_date_translation_has_no_note(client, make):
    item = make()
    response = client.get(f"/ru{item.get_absolute_url()}", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert NOTE_RU not in text(response)


def test_the_note_goes_once_the_translation_is_saved(client):
    article = changed_in_english(make_article())
    url = f"/ru{article.get_absolute_url()}"
    assert NOTE_RU in text(client.get(url, HTTP_ACCEPT_LANGUAGE="ru"))
    article.title_ru = "Новый заголовок"
    article.save()
    assert NOTE_RU not in text(client.get(url, HTTP_ACCEPT_LANGUAGE="ru"))
    assert Article.objects.get(pk=article.pk).outdated_translations == ""
    assert Event.objects.count() == 0
