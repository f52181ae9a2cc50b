"""The header's words in each of the site's languages (django-modeltranslation)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from embassy.sitewide.models import Clock, IncidentCounter


@register(Clock)
class ClockTranslation(TranslationOptions):
    fields = ("city",)
    required_languages = (settings.LANGUAGE_CODE,)


@register(IncidentCounter)
class IncidentCounterTranslation(TranslationOptions):
    fields = ("event_name", "note")
    required_languages = (settings.LANGUAGE_CODE,)
