"""The demo's pages are made from the words given (DemoPages): published, in their
order, below their parents, in every language they are written in; loading twice changes
nothing."""

import pytest

from embassy.pages import demo
from embassy.pages.demo import DemoPage
from embassy.pages.models import Area, Page, Purpose
from news.models import Status

pytestmark = pytest.mark.django_db


def both(english: str, russian: str) -> dict:
    return {"en": english, "ru": russian}


TREE = [
    DemoPage(
        "embassy",
        both("The Embassy", "Посольство"),
        lead=both("Who we are.", "Кто мы."),
        body=both("<p>Our work.</p>", "<p>Наша работа.</p>"),
        show_in_menu=True,
        children=[
            DemoPage("ambassador", both("The Ambassador", "Посол")),
            DemoPage("history", both("History of the building", "История здания")),
        ],
    ),
    DemoPage(
        "consular-services",
        both("Consular services", "Консульские услуги"),
        area=Area.CONSULAR,
        lists="consular-notices",
        children=[DemoPage("visas", both("Visas", "Визы"))],
    ),
    DemoPage("accessibility", {"en": "Accessibility statement"}, purpose=Purpose.ACCESSIBILITY),
]


def test_the_pages_are_made_published_in_order_below_their_parents():
    demo.load(TREE)
    rows = {page.path: page for page in Page.objects.all()}
    assert set(rows) == {
        "embassy",
        "embassy/ambassador",
        "embassy/history",
        "consular-services",
        "consular-services/visas",
        "accessibility",
    }
    assert {page.status for page in rows.values()} == {Status.PUBLISHED}
    assert [rows[p].position for p in ("embassy", "consular-services", "accessibility")] == [
        1,
        2,
        3,
    ]
    assert (rows["embassy/ambassador"].position, rows["embassy/history"].position) == (1, 2)
    assert rows["consular-services/visas"].area == Area.CONSULAR
    assert rows["consular-services"].lists == "consular-notices"
    assert rows["accessibility"].purpose == Purpose.ACCESSIBILITY
    assert rows["embassy"].show_in_menu


def test_every_language_of_the_words_is_kept():
    demo.load(TREE)
    embassy = Page.objects.get(path="embassy")
    assert (embassy.title_en, embassy.title_ru) == ("The Embassy", "Посольство")
    assert (embassy.lead_en, embassy.lead_ru) == ("Who we are.", "Кто мы.")
    assert embassy.body_ru == "<p>Наша работа.</p>"
    assert Page.objects.get(path="accessibility").languages() == ["en"]


def test_loading_twice_changes_nothing():
    demo.load(TREE)
    before = list(Page.objects.order_by("pk").values())
    demo.load(TREE)
    assert list(Page.objects.order_by("pk").values()) == before
