"""The hand-written vCard format, without a database: escaping, folding, parsing back."""

import vobject

from consular.lib import vcard


def test_escaping_of_special_characters():
    assert vcard.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "NOTE:" + "é" * 100
    folded = vcard.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if n else part for n, part in enumerate(parts)) == line


def test_a_card_parses_back_with_every_field():
    card = vcard.Card(
        name="Visas, and more; really",
        organisation="Embassy in London",
        phones=["+442079460322", "+442079460323"],
        email="visas@example.org",
        address="Consular Section\n1 Example Gardens\nLondon W8 0AA",
        note="Applications by appointment only. " * 5,
        url="https://embassy.example.org/consular/",
    )
    text = vcard.render(card)
    assert text.endswith("\r\n")
    parsed = vobject.readOne(text)
    assert parsed.version.value == "3.0"
    assert parsed.fn.value == "Visas, and more; really"
    assert parsed.org.value == ["Embassy in London", "Visas, and more; really"]
    assert [tel.value for tel in parsed.contents["tel"]] == ["+442079460322", "+442079460323"]
    assert parsed.email.value == "visas@example.org"
    assert parsed.adr.value.street == "Consular Section\n1 Example Gardens\nLondon W8 0AA"
    assert parsed.note.value == card.note
    assert parsed.url.value == card.url
