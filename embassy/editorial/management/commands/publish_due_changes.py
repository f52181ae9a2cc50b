from django.core.management.base import BaseCommand

from embassy.editorial.models import Change


class Command(BaseCommand):
    help = (
        "Publish the approved changes whose time has come (the site does so by itself at the "
        "next request; this is for those who prefer cron)."
    )

    def handle(self, *args, **options):
        applied = Change.objects.apply_due()
        self.stdout.write(f"{len(applied)} change(s) published.")
