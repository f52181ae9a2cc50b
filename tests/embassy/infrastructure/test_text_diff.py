"""What changed between two versions of a text (embassy.infrastructure.lib.text_diff): no
database."""

from embassy.infrastructure.lib.text_diff import Line, diff, visible_lines


def test_rich_text_is_compared_as_the_lines_a_reader_sees():
    markup = "<h2>Visa &amp; passports</h2><p>First  line<br>second</p><ul><li>one</li></ul>"
    assert visible_lines(markup) == ["Visa & passports", "First line", "second", "one"]


def test_a_change_of_markup_alone_is_no_change():
    assert (
        diff("<p>The ministers met.</p>", "<p><strong>The ministers</strong> met.</p>", rich=True)
        == []
    )


def test_a_changed_line_is_removed_then_added_with_one_unchanged_line_around_it():
    before = "one\ntwo\nthree\nfour\nfive\nsix"
    after = "one\ntwo\nthree\nFOUR\nfive\nsix"
    assert diff(before, after) == [
        Line("skipped", ""),
        Line("same", "three"),
        Line("removed", "four"),
        Line("added", "FOUR"),
        Line("same", "five"),
        Line("skipped", ""),
    ]


def test_plain_text_is_not_read_as_markup():
    assert diff("a <b> c", "a <b> d") == [Line("removed", "a <b> c"), Line("added", "a <b> d")]


def test_text_added_to_an_empty_field_and_text_removed():
    assert diff("", "New lead") == [Line("added", "New lead")]
    assert diff("<p>Old</p>", "", rich=True) == [Line("removed", "Old")]


def test_same_text_has_no_diff():
    assert diff("same", "same") == []
    assert diff("", "") == []
