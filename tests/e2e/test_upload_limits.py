"""Uploads over the limits in a real browser: a file over 20 MB reaches the server and is
refused in our words with its size and the limit; a file over the box's ceiling is marked by
the box, and the caption beside it already said both limits. Screenshots in $SCREENSHOT_DIR."""

from __future__ import annotations

from tests.e2e.conftest import go, open_app, settle


def test_an_over_limit_file_gets_our_message_with_its_size(server, browser, shots, tmp_path):
    big = tmp_path / "statewide-export.csv"
    size = 30 * 2**20  # over 20 MB, and over the 25 MB the box used to take
    with big.open("wb") as out:
        out.write(b"District,Students\n")
        out.truncate(size)  # sparse: no 30 MB in memory, the browser still sends every byte
    context, page = open_app(browser, server)
    try:
        go(page, "Upload")
        page.locator("input[type=file]").first.set_input_files(str(big))
        page.get_by_text("No district could be read").wait_for(timeout=120_000)
        settle(page)
        main = page.get_by_test_id("stMain")
        text = main.inner_text().replace("\u2060", "")
        assert "This file is larger than the upload limit" in text
        assert f"30.0 MB ({size:,} bytes)" in text
        assert "Expected at most 20 MB (20,971,520 bytes)" in text
        assert "statewide-export.csv" in main.get_by_test_id("stTable").inner_text()
        main.get_by_text("About the files").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "upload-over-limit.png"), full_page=True)
    finally:
        context.close()


def test_a_file_over_the_boxs_ceiling_is_marked_and_the_caption_says_why(server, browser, shots,
                                                                          tmp_path):
    huge = tmp_path / "national.csv"
    with huge.open("wb") as out:
        out.truncate(201 * 2**20)  # sparse; the box refuses it by size before sending it
    context, page = open_app(browser, server)
    try:
        go(page, "Upload")
        caption = "Up to 20 MB a file: a larger one is refused with its size. The box " \
                  "itself takes nothing over 200 MB"
        page.get_by_text(caption).wait_for()
        page.locator("input[type=file]").first.set_input_files(str(huge))
        page.get_by_text("File must be 200.0MB or smaller").wait_for(timeout=60_000)
        page.screenshot(path=str(shots / "upload-over-ceiling.png"), full_page=True)
    finally:
        context.close()
