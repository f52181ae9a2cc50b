"""Generates published articles and events in bulk, for the benchmark and for trying the site
at archive sizes the demo content does not reach."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from embassy.infrastructure import versions
from embassy.infrastructure.translated import localized
from news.models import Article, Event, Kind, Status

BATCH = 2000
WORDS = (
    "the of and to in a on for with at by from ministers met embassy statement meeting "
    "talks visit said agreed continued discussed region partners government relations"
).split()
# One topic per item, so that a search for a topic matches about 1 item in len(TOPICS),
# as real searches do, rather than every item.
TOPICS = [
    f"{place}{subject}"
    for place in ("arctic", "baltic", "caspian", "danube", "euphrates", "fjord", "gobi", "hudson")
    for subject in (
        "agriculture",
        "aviation",
        "banking",
        "chemistry",
        "cinema",
        "fisheries",
        "forestry",
        "geology",
        "hydrology",
        "linguistics",
        "medicine",
        "metallurgy",
        "music",
        "optics",
        "railways",
        "robotics",
        "shipping",
        "textiles",
        "theatre",
        "tourism",
        "vaccines",
        "viticulture",
        "volcanology",
        "zoology",
        "archaeology",
    )
]


def sentence(rng: random.Random, words: int, topic: str = "") -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    if topic:
        chosen[rng.randrange(words)] = topic
    return " ".join(chosen).capitalize() + "."


def in_every_language(**texts: str) -> dict[str, str]:
    """The filler texts in every language's column (title_en, title_ru, …): the generated items
    are shown, and cost the same, in every language."""
    return {
        localized(name, code): text
        for name, text in texts.items()
        for code, _language in settings.LANGUAGES
    }


class Command(BaseCommand):
    help = "Add N published items (about four articles to one event), spread over past years."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument("--quiet", action="store_true", help="No progress lines.")

    def handle(self, *args, items, seed, quiet, **options):
        if items < 1:
            raise CommandError("--items must be 1 or more.")
        rng = random.Random(seed)  # noqa: S311 (repeatable filler text, not secrets)
        now = timezone.now()
        prefix = f"g{seed}-{now:%Y%m%d%H%M%S}"
        kinds = list(Kind.values)
        made = 0
        with transaction.atomic():
            while made < items:
                batch = min(BATCH, items - made)
                articles, events = [], []
                for n in range(made, made + batch):
                    moment = now - timedelta(minutes=37 * n + rng.randint(0, 30))
                    topic = TOPICS[n % len(TOPICS)]
                    paragraphs = "".join(f"<p>{sentence(rng, 40, topic)}</p>" for _ in range(4))
                    fields = {
                        "slug": f"{prefix}-{n}",
                        "status": Status.PUBLISHED,
                        "published_at": moment,
                        **in_every_language(title=sentence(rng, 9, topic), body=paragraphs),
                    }
                    summary = sentence(rng, 20)
                    if n % 5 == 4:
                        events.append(
                            Event(
                                **fields,
                                starts_on=moment.date(),
                                **in_every_language(teaser=summary),
                            )
                        )
                    else:
                        articles.append(
                            Article(
                                **fields, kind=rng.choice(kinds), **in_every_language(lead=summary)
                            )
                        )
                # A revision per batch: one for everything would name every row in one query.
                with versions.made_by_command("generate_content"):
                    Article.objects.bulk_create(articles)
                    Event.objects.bulk_create(events)
                made += batch
                if not quiet:
                    self.stdout.write(f"{made}/{items} items")
        self.stdout.write(self.style.SUCCESS(f"Added {made} items."))
