"""The demo content in both languages: every text a visitor reads has its Russian, and the
Russian home page at the reference capture's moment reads as the capture does, in Russian."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from modeltranslation.translator import translator

from embassy.infrastructure.translated import localized
from tests.helpers import text

pytestmark = pytest.mark.django_db

# The reference capture: Tuesday 28 June 2022, 15:46 in Moscow, 13:46 in London.
CAPTURE = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)


@pytest.fixture
def demo():
    with time_machine.travel(CAPTURE, tick=False):
        call_command("load_demo", "--no-accounts")
        yield


@pytest.mark.usefixtures("demo")
def test_no_demo_text_lacks_its_russian():
    checked = 0
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for row in model._default_manager.all():
            for field in fields:
                english = getattr(row, localized(field, "en"))
                if english:
                    checked += 1
                    russian = getattr(row, localized(field, "ru"))
                    assert russian, f"{model.__name__} {row.pk} has no Russian {field}"
                    assert russian != english, f"{model.__name__} {row.pk}: {field} not translated"
    assert checked > 60  # every model of the demo was read


@pytest.mark.usefixtures("demo")
def test_the_russian_home_page_reads_as_the_capture_in_russian(client):
    with time_machine.travel(CAPTURE, tick=False):
        page = text(client.get("/ru/"))
    for words in [
        "28 июня 2022",
        "Москва: 15:46",
        "Лондон: 13:46",
        "Прошло 1577 дней с момента отравления в Солсбери",
        "Прошло 1569 дней с момента гибели Николая Глушкова в Великобритании",
        "британская сторона так и не представила",
        "Консульские справки:",
        "Заявление министра иностранных дел и ответы на вопросы СМИ по итогам заседания "
        "Совета министров иностранных дел ОДКБ",
        "Интервью Белтелерадиокомпании, Москва, 23 июня 2022 года",
        "Интервью Би-би-си, Санкт-Петербург, 16 июня 2022 года",
    ]:
        assert words in page
    for english in [
        "Moscow",
        "London: 13:46",
        "Salisbury",
        "Consular queries",
        "CSTO",
        "Interview",
    ]:
        assert english not in page


@pytest.mark.usefixtures("demo")
def test_the_russian_consular_page_shows_the_demo_desks_in_russian(client):
    with time_machine.travel(CAPTURE, tick=False):
        page = text(client.get("/ru/consular/"))
    for words in ["Визы", "Паспорта", "Экстренная помощь", "Консульский отдел", "Запись на визы"]:
        assert words in page
    for english in ["Visas", "Passports", "Emergency", "Consular Section", "Appointments"]:
        assert english not in page
    # The Christmas closure is shown in the days before it.
    with time_machine.travel(datetime(2022, 12, 20, 10, tzinfo=UTC), tick=False):
        assert "(Рождество)" in text(client.get("/ru/consular/"))


@pytest.mark.usefixtures("demo")
def test_the_english_pages_keep_the_english_demo(client):
    with time_machine.travel(CAPTURE, tick=False):
        page = text(client.get("/"))
    assert "Moscow: 15:46" in page
    assert "1577 days have passed since the Salisbury incident" in page
    assert "Москва" not in page
