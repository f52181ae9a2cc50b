"""Every model of the site, and every admin inline that renames one, says its plural itself:
left to Django, the plural is the singular with an "s" appended ("...shorter day)s")."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin

OUR_APPS = [
    config
    for config in apps.get_app_configs()
    if config.path.startswith(str(settings.BASE_DIR)) and ".venv" not in config.path
]


def test_the_site_has_its_apps_here():
    assert {config.label for config in OUR_APPS} >= {"news", "consular", "embassy"}


@pytest.mark.parametrize(
    "model",
    [model for config in OUR_APPS for model in config.get_models()],
    ids=lambda model: model._meta.label,
)
def test_every_model_names_its_plural(model):
    assert "verbose_name" in model._meta.original_attrs
    assert "verbose_name_plural" in model._meta.original_attrs


def inlines():
    for model_admin in admin.site._registry.values():
        yield from model_admin.inlines


@pytest.mark.parametrize("inline", list(inlines()), ids=lambda inline: inline.__name__)
def test_an_inline_that_renames_its_model_names_the_plural_too(inline):
    if inline.verbose_name is not None:
        assert inline.verbose_name_plural is not None
        assert not str(inline.verbose_name_plural).endswith(")s")
