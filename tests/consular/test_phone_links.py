"""Phone numbers in a notice's plain text become tel: links; everything else stays escaped text
(consular/lib/phone_links.py, no database)."""

from consular.lib.phone_links import linkify


def test_a_national_number_dials_in_e164_and_reads_as_written():
    assert linkify("Urgent matters: call 020 7946 0322.", "GB") == (
        'Urgent matters: call <a href="tel:+442079460322">020 7946 0322</a>.'
    )


def test_an_international_number_and_several_numbers():
    html = linkify("+7 495 000-00-00 or (020) 7946 0999", "GB")
    assert html == (
        '<a href="tel:+74950000000">+7 495 000-00-00</a> or '
        '<a href="tel:+442079460999">(020) 7946 0999</a>'
    )


def test_the_region_reads_numbers_without_a_prefix():
    assert 'href="tel:+74950000000"' in linkify("8 495 000-00-00", "RU")


def test_dates_times_and_short_numbers_are_no_links():
    text = "Closed on 26.12.2022 from 09:30; ticket 12345; room 101."
    assert linkify(text, "GB") == text


def test_everything_else_is_escaped():
    html = linkify('<img src=x onerror="alert(1)"> & 020 7946 0322 <b>', "GB")
    assert html == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; "
        '<a href="tel:+442079460322">020 7946 0322</a> &lt;b&gt;'
    )


def test_text_without_numbers_is_only_escaped():
    assert linkify("Closed\n\non Monday", "GB") == "Closed\n\non Monday"
