"""JSON-LD blocks: whatever the data holds, it cannot end its script element, and it reads back
as the same JSON."""

import datetime as dt
import json
import re

from django.utils import html

from embassy.infrastructure.json_ld import SCRIPT_ESCAPES, json_ld_script

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def block_of(markup: str) -> str:
    [payload] = BLOCK.findall(markup)
    return payload


def test_a_value_cannot_close_the_element_or_open_a_comment():
    hostile = '</script><script>alert("x")</script><!-- & -->'
    markup = json_ld_script({"name": hostile})
    payload = block_of(markup)
    assert not {"<", ">", "&"} & set(payload)
    assert markup.count("</script>") == 1
    assert json.loads(payload) == {"name": hostile}


def test_the_block_is_a_json_ld_data_block_marked_safe():
    markup = json_ld_script({"@type": "Event"})
    assert markup == '<script type="application/ld+json">{"@type": "Event"}</script>'
    assert hasattr(markup, "__html__")


def test_text_in_other_scripts_is_written_as_it_is():
    markup = json_ld_script({"headline": "Посольство: «день открытых дверей»"})
    assert "Посольство: «день открытых дверей»" in markup


def test_dates_and_times_are_written_as_djangos_encoder_writes_them():
    moment = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)
    data = json.loads(block_of(json_ld_script({"at": moment, "on": dt.date(2024, 5, 1)})))
    assert data == {"at": "2024-05-01T09:30:00Z", "on": "2024-05-01"}


def test_the_escapes_are_djangos():
    """Copied from json_script's private table; a Django that escapes more should be followed."""
    assert html._json_script_escapes == SCRIPT_ESCAPES
