"""What visitors read of the consular section's contacts, hours and notices, in each of the
site's languages (django-modeltranslation)."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from consular.models import ContactPoint, HoursException, Notice, PhoneNumber


@register(ContactPoint)
class ContactPointTranslation(TranslationOptions):
    fields = ("name", "address", "notes")
    required_languages = (settings.LANGUAGE_CODE,)


@register(PhoneNumber)
class PhoneNumberTranslation(TranslationOptions):
    fields = ("label",)


@register(HoursException)
class HoursExceptionTranslation(TranslationOptions):
    fields = ("reason",)
    required_languages = (settings.LANGUAGE_CODE,)


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = (settings.LANGUAGE_CODE,)
