"""The nginx edge cache (deploy/nginx.conf, run for real) never shows a drafted change: the
live row is not touched, so whatever the edge keeps or fetches is the published version."""

from embassy.editorial.models import Change
from news.models import Article
from tests.embassy import test_nginx_config as nginx_config
from tests.factories import make_article

# deploy/nginx.conf run for real in front of the live server: its tests' fixtures.
nginx, certificate, proxy = nginx_config.nginx, nginx_config.certificate, nginx_config.proxy
through_the_proxy = nginx_config.through_the_proxy


@through_the_proxy
def test_the_edge_never_shows_a_drafted_change(proxy, django_user_model):
    article = make_article(title="Talks in Yerevan")
    path = article.get_absolute_url()
    status, _, body = proxy.request("GET", path)
    assert status == 200 and b"Talks in Yerevan" in body

    author = django_user_model.objects.create_user("press-editor", is_staff=True)
    drafted = Article.objects.get(pk=article.pk)
    drafted.title_en = "Talks in Moscow"
    Change.prepare(drafted, author=author).submit(by=author)

    for _ in range(2):  # kept at the edge, or fetched again from the site
        status, _, body = proxy.request("GET", path)
        assert status == 200
        assert b"Talks in Yerevan" in body and b"Talks in Moscow" not in body
