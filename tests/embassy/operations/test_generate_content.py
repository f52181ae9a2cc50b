import io

import pytest
from django.core.management import call_command

from embassy.operations.management.commands import generate_content
from news.models import Article, Event

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    stdout = io.StringIO()
    call_command("generate_content", stdout=stdout, **options)
    return stdout.getvalue()


def test_prints_one_progress_line_per_batch(monkeypatch):
    monkeypatch.setattr(generate_content, "BATCH", 4)
    output = generate(items=10)
    assert output.splitlines() == ["4/10 items", "8/10 items", "10/10 items", "Added 10 items."]
    assert Article.objects.count() + Event.objects.count() == 10


def test_quiet_prints_only_the_total():
    assert generate(items=3, quiet=True).splitlines() == ["Added 3 items."]
