"""Every public page ends with the same footer: the consular contact, the accessibility
statement, the privacy notice and the site map, in the page's language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from embassy.pages.models import Purpose
from tests.factories import make_article, make_event, make_page

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": lambda items: "/",
    "archive": lambda items: "/news/",
    "events": lambda items: "/news/events/",
    "search": lambda items: "/news/search/?q=speech",
    "article": lambda items: items["article"].get_absolute_url(),
    "event": lambda items: items["event"].get_absolute_url(),
    "consular": lambda items: "/consular/",
    "page": lambda items: items["page"].get_absolute_url(),
    "site map": lambda items: "/site-map/",
}


@pytest.fixture
def items():
    make_page(
        "Accessibility statement",
        slug="accessibility",
        purpose=Purpose.ACCESSIBILITY,
        title_ru="Заявление о доступности",
    )
    make_page(
        "Privacy notice",
        slug="privacy",
        purpose=Purpose.PRIVACY,
        title_ru="Уведомление о конфиденциальности",
    )
    return {
        "article": make_article(published_at=timezone.now() - timedelta(hours=1)),
        "event": make_event(),
        "page": make_page(parent=make_page(slug="embassy")),
    }


def footer(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer"') : html.index("</footer>")]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize(
    ("prefix", "statement"), [("", "Accessibility statement"), ("/ru", "Заявление о доступности")]
)
def test_every_public_page_has_the_footer_links(client, items, name, prefix, statement):
    response = client.get(prefix + PUBLIC_PAGES[name](items))
    assert response.status_code == 200
    links = footer(response)
    for address in ("/consular/", "/accessibility/", "/privacy/", "/site-map/"):
        assert f'href="{prefix}{address}"' in links, address
    assert statement in links
