"""axe-core in the browser tests: installed from npm by `make test` (package-lock.json), never a CDN."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.services import skip_or_fail

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, the goal of the public site (Decree 42/2022/NĐ-CP, Art. 14).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
}"""


def serious_violations(page) -> list[dict]:
    """The critical and serious accessibility violations of the page as it is now."""
    if not AXE.exists():
        skip_or_fail("needs axe-core from npm in node_modules/ (`make test` runs `npm ci`)")
    # Evaluated through the DevTools protocol: the site's enforced CSP (script-src 'self')
    # refuses an injected inline <script>, as it should.
    page.evaluate("source => { (0, eval)(source); }", AXE.read_text())
    return [v for v in page.evaluate(RUN, TAGS) if v["impact"] in ("critical", "serious")]
