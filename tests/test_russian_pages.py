"""A visitor at the Russian addresses (/ru/…, where a browser asking for Russian is sent) reads
the site's own words in Russian, with Russian's plural forms and genitive months; the content
(titles, the counters' event names) stays as the editors wrote it. At the unprefixed addresses
the site is in English (every other test)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from consular.models import OpeningHours
from news.models import Kind
from tests.factories import make_article, make_contact_point, make_counter, make_event
from tests.helpers import text

pytestmark = pytest.mark.django_db

# Tuesday 28 June 2022, 13:46 in London.
NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
TODAY = date(2022, 6, 28)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def russian(client, path: str, **extra):
    """The page at `path`'s Russian address."""
    return client.get(f"/ru{path}", HTTP_ACCEPT_LANGUAGE="ru", **extra)


def test_the_home_page_in_russian(client, frozen, capsys):
    call_command("load_demo", "--no-accounts")
    response = russian(client, "/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "ru"
    assert '<html lang="ru">' in response.content.decode()
    page = text(response)
    for words in [
        "Перейти к основному содержанию",
        "28 июня 2022",
        "Главная",
        "Все сообщения",
        "События",
        "Поиск",
        "Консульские услуги",
        "Выступления, интервью, статьи",
        "Последние события",
        "Прошло 1577 дней с момента отравления в Солсбери",
        "официальный сайт",
    ]:
        assert words in page
    for english in ["Skip to main content", "Latest events", "days have passed", "Search"]:
        assert english not in page


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "Прошло 0 дней"),
        (1, "Прошёл 1 день"),
        (2, "Прошло 2 дня"),
        (4, "Прошло 4 дня"),
        (5, "Прошло 5 дней"),
        (11, "Прошло 11 дней"),
        (12, "Прошло 12 дней"),
        (14, "Прошло 14 дней"),
        (21, "Прошёл 21 день"),
        (22, "Прошло 22 дня"),
        (25, "Прошло 25 дней"),
        (101, "Прошёл 101 день"),
        (111, "Прошло 111 дней"),
        (112, "Прошло 112 дней"),
        (1577, "Прошло 1577 дней"),
    ],
)
def test_the_day_counter_takes_russians_plural_form(client, frozen, days, expected):
    make_counter("the Salisbury incident", TODAY - timedelta(days=days), note="")
    assert f"{expected} с момента the Salisbury incident" in text(russian(client, "/"))


def test_the_archive_in_russian(client, frozen):
    make_article("On the talks", kind=Kind.SPEECH, published_at=NOW - timedelta(days=17))
    make_event("Reception", starts_on=date(2022, 7, 4), published_at=NOW - timedelta(days=1))
    page = text(russian(client, "/news/"))
    for words in [
        "Все сообщения",
        "Тип",
        "Все типы",
        "Любой год",
        "Показать",
        "Выступление · 11 июня 2022",
        "Событие · 27 июня 2022 · дата проведения: 4 июля 2022",
        "Подписаться:",
    ]:
        assert words in page


def test_the_events_page_in_russian(client, frozen):
    make_event("Reception", starts_on=date(2022, 7, 4), starts_at=time(18, 30))
    make_event("Wreath laying", starts_on=date(2022, 5, 9))
    page = text(russian(client, "/news/events/"))
    for words in [
        "Предстоящие события",
        "4 июля 2022, 18:30",
        "Прошедшие события",
        "9 мая 2022",
        "Подписаться на предстоящие события",
    ]:
        assert words in page


@pytest.mark.parametrize(
    ("found", "summary"),
    [(1, "найден 1 результат"), (2, "найдено 2 результата"), (5, "найдено 5 результатов")],
)
def test_the_search_page_in_russian(client, frozen, found, summary):
    for n in range(found):
        make_article(f"Statement on security {n}", published_at=NOW - timedelta(days=n + 1))
    page = text(russian(client, "/news/search/", data={"q": "security"}))
    assert f"По запросу «security» {summary}" in page
    assert "Поиск: security" in page  # the title


def test_the_empty_search_page_explains_itself_in_russian(client, frozen):
    page = text(russian(client, "/news/search/"))
    assert "Поиск по новостям" in page
    assert "заключите её в кавычки" in page


def test_the_consular_page_in_russian(client, frozen):
    desk = make_contact_point("Visas", address="1 Example Gardens")
    for weekday in range(5):
        OpeningHours.objects.create(
            contact_point=desk, weekday=weekday, opens=time(9, 30), closes=time(12, 30)
        )
    page = text(russian(client, "/consular/"))
    for words in [
        "Консульские услуги",
        "Как с нами связаться",
        "Телефон",
        "Электронная почта",
        "Адрес",
        "Часы работы",
        "Понедельник 09:30",
        "Суббота Закрыто",
        "Сохранить карточку контакта",
    ]:
        assert words in page
    # Tuesday 13:46: closed since 12:30, open again on Wednesday morning.
    assert "Сейчас закрыто Откроется завтра в 09:30" in page
    # Friday after closing: the next opening is Monday, "в понедельник".
    with time_machine.travel(datetime(2022, 7, 1, 12, 0, tzinfo=UTC), tick=False):
        assert "Откроется в понедельник в 09:30" in text(russian(client, "/consular/"))


@pytest.mark.parametrize(
    ("urlconf", "path", "status", "words"),
    [
        ("embassy.urls", "/ru/no-such-page/", 404, ["Страница не найдена", "на главную страницу"]),
        # A view of the outage tests that loses the database (no language in its addresses: the
        # browser's language).
        (
            "tests.embassy.infrastructure.test_db_outage",
            "/lost/",
            503,
            ["Сайт временно недоступен", "повторите попытку через 30 секунд.", "Обновить"],
        ),
    ],
)
def test_the_error_pages_in_russian(client, settings, urlconf, path, status, words):
    settings.ROOT_URLCONF = urlconf
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == status
    page = text(response)
    assert all(word in page for word in words), page


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(1, "1 секунду"), (3, "3 секунды"), (5, "5 секунд"), (21, "21 секунду"), (30, "30 секунд")],
)
def test_the_outage_pages_wait_takes_russians_plural_form(seconds, expected):
    with translation.override("ru"):
        page = render_to_string("503.html", {"retry_after": seconds})
    assert f"повторите попытку через {expected}." in page


def test_the_admin_follows_the_browsers_language(admin_client):
    """The admin has one address for every language: its labels are in the staff member's."""
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Content-Language"] == "ru"
    assert "Администрирование" in text(response) or "Выйти" in text(response)
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
