"""A built page in a real browser: right-to-left layout, fallback marks, nothing executes."""

from __future__ import annotations

EVIL = '<script>window.injected = 1</script><img src=x onerror="window.injected = 2">'


def test_built_persian_page_renders_in_chromium(project, fill, build, out, browser, screenshot_dir):
    fill(project, "fa", only=lambda entry: entry.msgid != "The ICOR condemns the war.")
    fill(
        project,
        "fa",
        translate=lambda msgid: f"صلح اکنون {EVIL}",
        only=lambda e: "*act*" in e.msgid,
    )
    build(project, out)
    page = browser.new_page(viewport={"width": 900, "height": 900})
    try:
        page.goto((out / "sample" / "fa.html").as_uri())
        assert page.title() == "صلح اکنون Peace now. صلح اکنون Stop the war!"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("window.injected") is None
        assert page.locator("script, article img").count() == 0
        marked = page.locator("article span.untranslated[lang=en]")
        assert marked.count() == 1
        assert marked.first.inner_text() == "The ICOR condemns the war."
        assert page.locator("footer span.untranslated").count() == 1  # the legend
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('article span.untranslated')).direction"
            )
            == "ltr"
        )
        heading = page.locator("h1").bounding_box()
        body = page.locator("article").bounding_box()
        # Right-aligned: the heading's right edge sits on the article's right edge.
        assert abs((heading["x"] + heading["width"]) - (body["x"] + body["width"])) < 2
        path = screenshot_dir / "build-fa.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
    finally:
        page.close()
