"""Resets a staff member's second factor (a lost phone or key, a departure): their app,
passkeys and recovery codes are removed, and their next login asks them to set one up again.
The admin's users' page has the same action, for superusers."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from embassy.infrastructure import two_factor


class Command(BaseCommand):
    help = "Remove a user's second factor: they set it up again at their next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        removed = two_factor.reset(user)
        self.stdout.write(
            f"Second factor of {username} reset ({removed} device(s) removed): "
            "they set it up again at their next login."
        )
