"""What every page of the browser journeys is checked for: axe-core reports no violation, the
page does not scroll sideways, the header's log-out and FR/EN stay on screen; a screenshot
of each page is kept as a test artefact.

axe-core is vendored under tests/browser/vendor/axe-core (MPL-2.0, see its README) and loaded
as an init script of the browser context (conftest.open_tab), outside the site's
Content-Security-Policy, which stays as it is.
Screenshots go to $PROCURE_BROWSER_ARTEFACTS (default: the test's tmp_path).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from flask_babel import force_locale, gettext
from playwright.sync_api import Page

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# The journeys are walked in French on a phone and in English on a desktop; every page they
# visit is checked at both widths (Tour.check), so each language is seen at 1280 and 375 px.
WIDTHS = (1280, 375)
HEIGHT = {1280: 800, 375: 740}
VARIANTS = [("fr", 375), ("en", 1280)]
# The innermost elements that stick out on the right, to say what makes a page scroll sideways.
WIDEST = """() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && ![...el.children].some(c => c.getBoundingClientRect().right > w + 1)) {
      const cls = el.className ? "." + String(el.className).split(" ").join(".") : "";
      const name = el.name ? "[name=" + el.name + "]" : "";
      out.push(el.tagName.toLowerCase() + cls + name + " " + Math.round(r.right) + "px");
    }
  }
  return out.slice(0, 6);
}"""


def tr(app: Flask, lang: str, message: str, **variables: object) -> str:
    """The interface's words in `lang`, from the catalogue the app uses."""
    with app.test_request_context(), force_locale(lang):
        return gettext(message, **variables)


@dataclass
class Tour:
    """One person's pass through the site, in one language, at one width."""

    page: Page
    base: str
    app: Flask
    lang: str
    width: int
    artefacts: Path
    who: str
    # A journey walked once per width checks each page at its own width only.
    other_width_too: bool = True
    checked: list[str] = field(default_factory=list)

    def t(self, message: str, **variables: object) -> str:
        return tr(self.app, self.lang, message, **variables)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def check(self, name: str) -> None:
        """At the tour's width, then (unless `other_width_too` is off) at the other one (1280
        or 375 px): axe-core reports 0 violations, nothing scrolls sideways, the header's
        controls stay on screen; a screenshot at each width."""
        page = self.page
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == self.lang, name
        others = [w for w in WIDTHS if w != self.width] if self.other_width_too else []
        for width in (self.width, *others):
            if width != self.width:
                page.set_viewport_size({"width": width, "height": HEIGHT[width]})
            try:
                self._check_at(name, width)
            finally:
                if width != self.width:
                    page.set_viewport_size({"width": self.width, "height": HEIGHT[self.width]})
        self.checked.append(name)

    def _check_at(self, name: str, width: int) -> None:
        page = self.page
        shot = f"{self.who}-{self.lang}-{len(self.checked):02d}-{name}-{width}.png"
        page.screenshot(path=str(self.artefacts / shot), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (
            f"{name}: the page scrolls sideways by {overflow}px at {width}px: "
            + ", ".join(page.evaluate(WIDEST))
        )
        for control in page.locator("header.site .lang a, header.site form button").all():
            box = control.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (
                f"{name}: header control off screen at {width}px: {control.inner_text()}"
            )
        violations = axe_violations(page)
        assert violations == [], f"{name} ({self.lang}, {width}px): " + json.dumps(
            violations, ensure_ascii=False, indent=1
        )


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {iframes: false, resultTypes: ["violations"]});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)
          }));
        }"""
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
