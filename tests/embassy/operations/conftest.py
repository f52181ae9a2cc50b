import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from tests.embassy.operations.archives import media_files, snapshot
from tests.factories import make_article
from tests.news.image_files import png


@pytest.fixture
def demo_site():
    """The demo content, a staff account, an article with an uploaded picture, a loose file."""
    call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a long passphrase")
    make_article(
        title="With a picture",
        image=ContentFile(png(64, 48), name="harbour.png"),
        image_alt="The harbour at dawn",
    )
    default_storage.save("documents/visa form.pdf", ContentFile(b"%PDF-1.4 not much of one"))
    rows, files = snapshot(), media_files()
    assert rows["news.article"] and rows["consular.contactpoint"] and rows["auth.user"]
    assert any(name.startswith("images/") for name in files), files
    return rows, files
