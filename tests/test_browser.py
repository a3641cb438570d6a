"""The review page in a real browser: headless Chromium lays it out, and its DOM still marks every quote.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skips, saying
so, when it is absent. The screenshot and the printed PDF of the seed
article's page are kept in ``artifacts/`` for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_render import Dom, check_marks

from quotes import Extractor
from quotes.render import PageDocument, render_page

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SEED = "000_9343a51978ed8d37"


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is absent: install it with 'apt-get install -y chromium' to run the browser test")
    return found


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def seed_page(seed_texts: dict[str, str], tmp_path_factory) -> tuple[Path, str, list[dict]]:
    text = seed_texts[SEED]
    records = [q.to_dict() for q in Extractor(fast=True).extract(text, SEED)]
    page = tmp_path_factory.mktemp("page") / "review.html"
    page.write_text(render_page([PageDocument(SEED, text, records)], title="Review"), encoding="utf-8")
    return page, text, records


def test_dom_after_layout_marks_every_quote_speaker_and_cue(chromium, seed_page, tmp_path) -> None:
    page, text, records = seed_page
    dom = _run(chromium, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert records and any(r["speaker"] for r in records) and any(r["cue"] for r in records)
    check_marks(Dom(dom), text, records)


def test_screenshot_and_print(chromium, seed_page, tmp_path) -> None:
    page, _, _ = seed_page
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot, printed = ARTIFACTS / "review-seed.png", ARTIFACTS / "review-seed.pdf"
    for stale in (screenshot, printed):
        stale.unlink(missing_ok=True)
    _run(chromium, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1280,1600",
         "--hide-scrollbars", page.as_uri())
    _run(chromium, tmp_path / "profile", f"--print-to-pdf={printed}", "--no-pdf-header-footer", page.as_uri())
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert printed.read_bytes()[:5] == b"%PDF-"
