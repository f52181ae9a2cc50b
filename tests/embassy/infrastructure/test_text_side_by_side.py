"""Texts compared side by side (embassy/infrastructure/lib/text_diff.py): no database."""

from embassy.infrastructure.lib.text_diff import (
    Segment,
    lines_side_by_side,
    looks_like_html,
    side_by_side,
    visible_text,
)


def test_visible_text_is_what_a_reader_sees_a_line_per_block():
    html = (
        "<h2>Talks</h2><p>The ministers <strong>met</strong> &amp; agreed.</p>"
        "<ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p>Last<br>line</p>"
    )
    assert visible_text(html) == "Talks\nThe ministers met & agreed.\nOne\nTwo\nLast\nline"


def test_looks_like_html():
    assert looks_like_html("<p>Text</p>")
    assert not looks_like_html("1 < 2 and 3 > 2")


def test_side_by_side_marks_the_words_removed_and_added():
    sides = side_by_side("The ministers met in Yerevan.", "The ministers met in Moscow today.")
    assert sides.old == [Segment("same", "The ministers met in "), Segment("removed", "Yerevan.")]
    assert sides.new == [
        Segment("same", "The ministers met in "),
        Segment("added", "Moscow today."),
    ]
    assert sides.changed


def test_the_same_text_has_nothing_marked():
    sides = side_by_side("Same\nwords", "Same\nwords")
    assert not sides.changed
    assert sides.old == sides.new == [Segment("same", "Same\nwords")]


def test_lines_are_compared_whole():
    sides = lines_side_by_side(["Monday 09:30–12:30", "Tuesday"], ["Monday 10:00–12:30", "Tuesday"])
    assert sides.old == [Segment("removed", "Monday 09:30–12:30"), Segment("same", "Tuesday")]
    assert sides.new == [Segment("added", "Monday 10:00–12:30"), Segment("same", "Tuesday")]
