"""quotes.render: the review page marks every quote, speaker and cue, keeps the text intact and loads nothing."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes import Extractor
from quotes.cli import main
from quotes.render import PageDocument, check_offsets, render_page

ARTICLE = """SALEM (Coastal Ledger) - Gov. Helen Marsh will shut three hospitals.

"We cannot keep paying for buildings nobody uses," Marsh said. "The money has to follow the patients."

Critics called the plan "a disgrace". "This is a betrayal of every family east of the mountains," said Paul \
Okafor, a state senator.
"""

VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.parts = tag, attrs, []

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class Dom(HTMLParser):
    """Every element with its attributes and text content; raises on badly nested tags."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(page)
        self.close()
        assert not [e.tag for e in self._open if e.tag not in ("html", "body", "head")], "unclosed elements"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        opened = self._open.pop()
        assert opened.tag == tag, f"</{tag}> closes <{opened.tag}>"

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)

    def having(self, css_class: str) -> list[Element]:
        return [e for e in self.elements if css_class in e.classes]


def check_marks(dom: Dom, text: str, records: list[dict]) -> None:
    """The page shows ``text`` unchanged, with each record's quote, speaker and cue marked."""
    (shown,) = [e for e in dom.having("text")]
    assert shown.text == text
    quotes = {e.attrs["data-quote-id"]: e for e in dom.having("quote")}
    for record in records:
        quote = quotes[record["quote_id"]]
        assert quote.text == record["quote"]["text"]
        for role in ("speaker", "cue"):
            if record[role] is None:
                continue
            marked = [e for e in dom.having(role) if record["quote_id"] in e.attrs["data-quote-ids"].split()]
            assert "".join(e.text for e in marked) == record[role]["text"], (role, record["quote_id"])
    listed = [e.attrs["data-quote-id"] for e in dom.elements if e.tag == "li" and "item" in e.classes]
    assert sorted(listed) == sorted(r["quote_id"] for r in records)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """The article's quotes, the first one stripped of its speaker as an unattributed quote would be."""
    found = [q.to_dict() for q in Extractor(fast=True).extract(ARTICLE, "ledger")]
    return [dict(found[0], speaker=None, cue=None, kind="unattributed"), *found[1:]]


def test_every_quote_speaker_and_cue_is_marked(records: list[dict]) -> None:
    assert any(r["speaker"] for r in records) and any(r["speaker"] is None for r in records)
    page = render_page([PageDocument("ledger", ARTICLE, records)])
    check_marks(Dom(page), ARTICLE, records)


def test_unattributed_quotes_are_flagged(records: list[dict]) -> None:
    dom = Dom(render_page([PageDocument("ledger", ARTICLE, records)]))
    unattributed = {r["quote_id"] for r in records if r["speaker"] is None}
    flagged = {e.attrs["data-quote-id"] for e in dom.elements if e.tag == "li" and "review" in e.classes}
    assert unattributed and unattributed <= flagged
    assert all("review: no speaker found" in e.text for e in dom.elements
               if e.tag == "li" and e.attrs.get("data-quote-id") in unattributed)
    assert {e.attrs["data-quote-id"] for e in dom.having("unattributed")} == unattributed


def test_page_loads_nothing_from_anywhere(records: list[dict]) -> None:
    page = render_page([PageDocument("ledger", ARTICLE, records, {"url": "https://example.org/a"})])
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert "@media print" in page


HOSTILE = '<script>alert(1)</script> "<img src=x onerror=alert(2)> & \u201cfine\u201d," said <b>Bob</b>.'


def test_untrusted_text_is_escaped() -> None:
    records = [q.to_dict() for q in Extractor(fast=True).extract(HOSTILE, '"><script>x</script>')]
    meta = {"title": "</title><script>alert(3)</script>"}
    page = render_page([PageDocument('"><script>x</script>', HOSTILE, records, meta)], title="<i>t</i>")
    dom = Dom(page)
    assert not [e for e in dom.elements if e.tag in ("script", "img", "b", "i")]
    check_marks(dom, HOSTILE, records)


def test_records_that_do_not_fit_the_text_are_left_out(records: list[dict]) -> None:
    shifted = dict(records[0], quote=dict(records[0]["quote"], start=records[0]["quote"]["start"] + 1))
    assert not check_offsets(ARTICLE, shifted)
    page = render_page([PageDocument("ledger", ARTICLE, [shifted, *records[1:]])])
    dom = Dom(page)
    assert "1 record did not match this text" in page
    check_marks(dom, ARTICLE, records[1:])


def _record(quote_id: str, text: str, quote: tuple[int, int], speaker: tuple[int, int] | None,
            cue: tuple[int, int] | None = None) -> dict:
    def span(bounds):
        return None if bounds is None else {"text": text[bounds[0]:bounds[1]], "start": bounds[0], "end": bounds[1]}

    speaker_span = span(speaker)
    if speaker_span:
        speaker_span.update(name=speaker_span["text"], title=None, type="person", resolved_by="direct")
    return {"quote_id": quote_id, "kind": "direct", "confidence": 0.9, "quote": span(quote),
            "content": span((quote[0] + 1, quote[1] - 1)), "speaker": speaker_span, "cue": span(cue)}


def test_one_mention_can_speak_for_two_quotes() -> None:
    text = '"Yes," Ann said, "and no."'
    records = [_record("d:0", text, (0, 6), (7, 10), (11, 15)), _record("d:1", text, (17, 26), (7, 10), (11, 15))]
    dom = Dom(render_page([PageDocument("d", text, records)]))
    (speaker,) = dom.having("speaker")
    assert speaker.attrs["data-quote-ids"] == "d:0 d:1"
    check_marks(dom, text, records)


def test_a_mention_overlapping_a_quote_is_cut_at_its_edge() -> None:
    text = 'He said "no" loudly.'
    records = [_record("d:0", text, (8, 12), (3, 10))]  # a mis-placed mention running into the quote
    dom = Dom(render_page([PageDocument("d", text, records)]))
    assert [e.text for e in dom.having("speaker")] == ["said ", '"n']
    assert dom.having("text")[0].text == text


def test_overlapping_quotes_show_the_first() -> None:
    text = '"one "two" three"'
    records = [_record("d:0", text, (0, 17), None), _record("d:1", text, (5, 10), None)]
    page = render_page([PageDocument("d", text, records)])
    assert [e.attrs["data-quote-id"] for e in Dom(page).having("quote")] == ["d:0"]
    assert "1 record did not match" in page


@st.composite
def text_with_spans(draw):
    text = draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                        max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=8)))
    records = []
    for n, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        if end - start >= 2:
            mention = draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))))
            records.append(_record(f"d:{n}", text, (start, end), tuple(sorted(mention))))
    return text, records


@given(text_with_spans())
def test_any_text_survives_rendering(case) -> None:
    text, records = case
    dom = Dom(render_page([PageDocument("d", text, records)]))
    assert dom.having("text")[0].text == text
    assert len(dom.having("quote")) == len(records)


def test_cli_renders_documents_and_given_records(tmp_path) -> None:
    (tmp_path / "ledger.txt").write_text(ARTICLE, encoding="utf-8")
    page, records = tmp_path / "page.html", tmp_path / "quotes.jsonl"
    assert main(["render", str(tmp_path / "ledger.txt"), "--fast", "-o", str(page)]) == 0
    assert main(["extract", "--fast", str(tmp_path / "ledger.txt"), "-o", str(records)]) == 0
    extracted = [q.to_dict() for q in Extractor(fast=True).extract(ARTICLE, "ledger")]
    check_marks(Dom(page.read_text(encoding="utf-8")), ARTICLE, extracted)
    assert main(["render", str(tmp_path / "ledger.txt"), "--records", str(records), "--each",
                 str(tmp_path / "pages")]) == 0
    check_marks(Dom((tmp_path / "pages" / "ledger.html").read_text(encoding="utf-8")), ARTICLE, extracted)


def test_cli_says_records_alone_have_no_text(tmp_path, capsys) -> None:
    (tmp_path / "ledger.txt").write_text(ARTICLE, encoding="utf-8")
    records = tmp_path / "quotes.jsonl"
    assert main(["extract", "--fast", str(tmp_path / "ledger.txt"), "-o", str(records)]) == 0
    assert main(["render", str(records), "-o", str(tmp_path / "page.html")]) == 1
    assert "records carry offsets, not text" in capsys.readouterr().err
