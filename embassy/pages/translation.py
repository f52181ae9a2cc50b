"""What visitors read of a page, in each of the site's languages (django-modeltranslation)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from embassy.pages.models import Page
from news.translation import PICTURE_TEXT


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "lead", "body", *PICTURE_TEXT)
    required_languages = (settings.LANGUAGE_CODE,)
