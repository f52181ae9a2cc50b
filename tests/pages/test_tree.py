"""The tree of pages and its addresses: paths follow the parents, five levels deep and in every
language; addresses the rest of the site answers are refused; a page cannot go below itself."""

import pytest
from django.core.exceptions import ValidationError

from embassy.pages.models import Area, Page
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def line(depth: int) -> list[Page]:
    pages = [make_page(slug="level-1")]
    for level in range(2, depth + 1):
        pages.append(make_page(slug=f"level-{level}", parent=pages[-1]))
    return pages


def test_addresses_follow_the_tree_five_levels_deep(client):
    deepest = line(5)[-1]
    assert deepest.path == "level-1/level-2/level-3/level-4/level-5"
    assert deepest.depth == 5
    assert deepest.get_absolute_url() == "/level-1/level-2/level-3/level-4/level-5/"
    assert client.get("/level-1/level-2/level-3/level-4/level-5/").status_code == 200


def test_every_language_has_the_page_under_its_code(client):
    deepest = line(3)[-1]
    response = client.get("/ru/level-1/level-2/level-3/")
    assert response.status_code == 200
    assert response.context["page"] == deepest
    assert 'lang="ru"' in response.content.decode()[:200]


def test_a_child_inherits_its_parents_area_and_follows_a_change_of_it():
    top = make_page(slug="consular-services", area=Area.CONSULAR)
    child = make_page(slug="visas", parent=top, area=Area.PRESS)
    grandchild = make_page(slug="tourist", parent=child)
    assert (child.area, grandchild.area) == (Area.CONSULAR, Area.CONSULAR)
    top.area = Area.PRESS
    top.save()
    assert set(Page.objects.below(top).values_list("area", flat=True)) == {Area.PRESS}


def test_ancestors_come_with_the_page_in_one_query(django_assert_num_queries):
    deepest = line(5)[-1]
    with django_assert_num_queries(1):
        pages = list(Page.objects.at(deepest.path))
    assert [page.depth for page in pages] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("slug", ["news", "consular", "ru", "en", "admin", "site-map", "language"])
def test_an_address_of_another_part_of_the_site_is_refused(slug):
    page = Page(slug=slug, title_en="Taken", body_en="<p>x</p>")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "slug" in refused.value.error_dict


def test_the_same_slug_is_free_below_another_page():
    top = make_page(slug="embassy")
    page = Page(slug="news", parent=top, title_en="News of the embassy", body_en="<p>x</p>")
    page.full_clean()  # /embassy/news/ is nobody else's


def test_two_siblings_cannot_share_a_slug():
    top = make_page(slug="embassy")
    make_page(slug="history", parent=top)
    twin = Page(slug="history", parent=top, title_en="History again", body_en="<p>x</p>")
    with pytest.raises(ValidationError, match="same place"):
        twin.full_clean()


def test_a_page_cannot_be_placed_below_itself_or_its_own_pages():
    top, middle, bottom = line(3)
    for new_parent in (top, middle, bottom):
        top.parent = new_parent
        with pytest.raises(ValidationError) as refused:
            top.full_clean()
        assert "parent" in refused.value.error_dict


def test_only_a_top_level_page_may_be_in_the_menu():
    top = make_page()
    page = Page(slug="deep", parent=top, show_in_menu=True, title_en="Deep", body_en="<p>x</p>")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "show_in_menu" in refused.value.error_dict
