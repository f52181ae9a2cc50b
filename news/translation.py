"""What visitors read of articles and events, in each of the site's languages
(django-modeltranslation: a column per language, title_en, title_ru, …)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from news.models import Article, Event

PICTURE_TEXT = ("image_alt", "image_caption")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "delivered_at", *PICTURE_TEXT)
    required_languages = (settings.LANGUAGE_CODE,)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "teaser", "body", "place", *PICTURE_TEXT)
    required_languages = (settings.LANGUAGE_CODE,)
