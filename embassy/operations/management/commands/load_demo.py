"""Loads the demo content into an empty database and creates staff accounts for a first look.

Each account comes with its second factor already set up: an authenticator app's secret,
printed once with the password (and as an otpauth:// address), so a newcomer adds it to any
authenticator app and logs in as staff always do; there is no way around the second factor.

Running it again changes nothing: content is only loaded when the site has none, and existing
accounts keep their passwords and second factors.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from embassy.infrastructure import two_factor, versions
from embassy.operations import demo

DEMO_ACCOUNTS = [
    # (username, its groups: none for the superuser; embassy/sitewide/roles.py)
    ("admin", ()),
    # A press editor: writes and submits for review.
    ("press", ("Press office",)),
    # A press publisher: writes, and approves the editor's work; a publisher's own work is
    # approved by another publisher (here the superuser).
    ("publisher", ("Press office", "Press office publishers")),
    # A consular publisher: the section's notices, approved by another publisher (the superuser).
    ("consul", ("Consular section", "Consular section publishers")),
]


class Command(BaseCommand):
    help = "Load the demo content when the database is empty and create the demo staff accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="Load the content only; create no accounts."
        )

    @transaction.atomic
    def handle(self, *args, no_accounts=False, **options):
        if demo.site_is_empty():
            with versions.made_by_command("load_demo"):
                demo.load()
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("The site already has content; demo content not loaded.")
        if not no_accounts:
            self.create_accounts()

    def create_accounts(self):
        User = get_user_model()
        created = []
        for username, group_names in DEMO_ACCOUNTS:
            # The groups come from a migration (embassy/sitewide/roles.py): missing, the database is
            # not migrated, and an account without its group would see an empty admin.
            groups = [Group.objects.get(name=name) for name in group_names]
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                email=f"{username}@example.org",
                password=password,
                is_staff=True,
                is_superuser=not group_names,
            )
            user.groups.add(*groups)
            device = two_factor.pending_authenticator(user)
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            created.append((username, password, device))
        if not created:
            self.stdout.write(
                "Staff accounts already exist; to set a new password run: "
                "python manage.py changepassword <username>"
            )
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                "Staff accounts created (passwords and second-factor secrets shown only once):"
            )
        )
        for username, password, device in created:
            self.stdout.write(f"  {username:10} password: {password}")
            self.stdout.write(f"  {'':10} authenticator secret: {two_factor.secret(device)}")
            self.stdout.write(f"  {'':10} {device.config_url}")
        self.stdout.write(
            "Add each secret to an authenticator app (any app with time-based codes: type the "
            "secret, or open the otpauth:// address on a device that has one), then log in at "
            "http://localhost:8000/admin/ with the password and the app's six-digit code."
        )
        self.stdout.write("")
