"""Every time the admin shows is in hours and minutes ("09:30", not "09:30:00"): each admin and
inline with a time or a date and time mixes in TimesAdmin (infrastructure/admin_times.py),
whose `zoned_fields` name the time zone a date and time is entered in."""

import pytest
from django import forms
from django.contrib import admin

from consular.models import Notice

pytestmark = pytest.mark.django_db


def time_widgets(form_class):
    for name, field in form_class.base_fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # unwrap the related-field wrapper
        if isinstance(widget, forms.SplitDateTimeWidget):
            yield name, widget.widgets[1]
        elif isinstance(widget, forms.TimeInput):
            yield name, widget


def forms_of_the_admin(request):
    for model, model_admin in admin.site._registry.items():
        yield model._meta.label, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield f"{model._meta.label} {type(inline).__name__}", inline.get_formset(request).form


def test_every_time_input_of_the_admin_is_in_hours_and_minutes(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    found = {
        f"{where}.{name}": widget.format
        for where, form_class in forms_of_the_admin(request)
        for name, widget in time_widgets(form_class)
    }
    assert {"consular.Notice.starts_at", "news.Event.starts_at", "news.Article.published_at"} <= {
        key for key in found if " " not in key
    }
    assert any("HoursExceptionInline.opens" in key for key in found)
    assert any("OpeningHoursInline.closes" in key for key in found)
    assert found == dict.fromkeys(found, "%H:%M")


def test_every_date_and_time_of_the_admin_names_its_time_zone(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    zoned = {
        f"{where}.{name}": str(field.help_text)
        for where, form_class in forms_of_the_admin(request)
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.SplitDateTimeField)
    }
    assert {"consular.Notice.starts_at", "consular.Notice.ends_at"} <= set(zoned)
    assert "news.Article.published_at" in zoned
    for where, help_text in zoned.items():
        assert "Times are in Europe/London time" in help_text, where


def test_each_input_of_a_date_and_time_is_named_by_its_field_and_part(rf, admin_user):
    """Django writes "Date:" and "Time:" beside the inputs, not as their labels: each input
    says which field and which part it is (WCAG 4.1.2)."""
    request = rf.get("/admin/")
    request.user = admin_user
    form = admin.site._registry[Notice].get_form(request)()
    html = str(form["starts_at"])
    assert 'aria-label="Shown from: date"' in html
    assert 'aria-label="Shown from: time"' in html
