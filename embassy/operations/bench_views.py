"""The benchmark's yardstick: a minimal Django view that renders a page about the size of the
home page with no database access. Routed only when BENCHMARK_VIEWS is on (see embassy/urls.py).
"""

from django.http import HttpResponse
from django.template.loader import render_to_string

PARAGRAPH = (
    "The ministers met to discuss cooperation in trade, culture and education, and agreed to "
    "continue regular consultations between their ministries in the coming months. "
)
ITEMS = [
    {"title": f"Item {n}: a statement of the press office", "teaser": PARAGRAPH * 2}
    for n in range(1, 201)
]
BYTES_PER_ITEM = 400


def minimal(request):
    """Renders about ?bytes=N bytes (default 20,000) like a real page, but with no request
    context, so no context processor runs and no query is made."""
    try:
        size = int(request.GET.get("bytes", 20_000))
    except ValueError:
        size = 20_000
    count = max(1, min(len(ITEMS), size // BYTES_PER_ITEM))
    return HttpResponse(render_to_string("bench/minimal.html", {"items": ITEMS[:count]}))
