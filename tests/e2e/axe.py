"""axe-core (npm, pinned in package-lock.json) injected into the real page by Playwright."""

from __future__ import annotations

import subprocess

from tests.e2e.conftest import ROOT, settle

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules axe files under best practice that the app was seen to break: checked at any impact.
STRUCTURE = ["heading-order", "aria-dialog-name", "empty-table-header", "page-has-heading-one"]
_RUN = """async (only) => {
  const result = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    where: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}));
}"""


def ensure_axe() -> None:
    """scripts/test installs it; a bare pytest run installs it here the same way."""
    if not AXE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--no-update-notifier",
                        "--loglevel=error"], cwd=ROOT, check=True, timeout=600)


def problems(page, label: str) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations, and any structure violation, on the page
    as it stands (after the script run and the charts have drawn)."""
    settle(page)
    page.wait_for_timeout(800)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = [v for v in page.evaluate(_RUN, {"type": "tag", "values": WCAG_A_AA})
             if v["impact"] in ("serious", "critical")]
    found += page.evaluate(_RUN, {"type": "rule", "values": STRUCTURE})
    return [f"{label}: {v['id']} ({v['impact']}) {v['help']} at {v['where']}" for v in found]
