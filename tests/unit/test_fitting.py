"""exports.fitting: text measured with the font's advance widths and fitted to a box."""

from __future__ import annotations

import pytest

from advocacy.exports import fitting
from advocacy.exports.document import PRINT_STORY

SENTENCE = "Our new teachers stayed because coaches met them every week. "  # 10 words


@pytest.mark.parametrize("sentences,size", [(1, 10.5), (6, 10.5), (7, 10.0), (9, 9.0), (11, 8.5)])
def test_fit_picks_the_largest_size_that_fits(sentences, size):
    text = (SENTENCE * sentences).strip()
    fitted = fitting.fit(text, PRINT_STORY)
    assert (fitted.size, fitted.text, fitted.cut) == (size, text, False)
    assert fitted.shrunk == (size != PRINT_STORY.sizes[0])


def test_fit_cuts_at_the_floor_with_an_ellipsis():
    fitted = fitting.fit((SENTENCE * 40).strip(), PRINT_STORY)
    assert fitted.size == PRINT_STORY.sizes[-1] and fitted.cut and fitted.text.endswith("…")
    assert 90 < len(fitted.text.split()) < 130


def test_wide_letters_take_more_room_than_narrow_ones():
    assert fitting.width("WWWW", 10) > 2 * fitting.width("iiii", 10)
    assert fitting.line_count("word " * 200, 10, 200) > fitting.line_count("word " * 20, 10, 200)


def test_a_word_longer_than_the_line_wraps_by_itself():
    assert fitting.line_count("x" * 400, 10, 100) > 3
