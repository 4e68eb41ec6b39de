"""Render time per document and per page kind: what publishing an edition costs.

    python benchmarks/publish.py [EDITION_DIR] [--runs 5] [--json FILE]

Over the TEI files of an edition (default ``editions/``: the sample edition,
``tei/`` and ``registers/``), prints the median of ``--runs`` runs, per
document, of each per-document output of a build:

* reading page   TEI -> HTML (``render_html``);
* PDF            TEI -> PDF (``pdf.document_pdf``, WeasyPrint);
* records        Dublin Core, CSL-JSON and DataCite of one document;
* facts          what the register pages and the search need of it;

and, for the whole edition, the time of each page kind that needs every
document (index, register pages, search index, CMIF, edition PDF) and of
``publish.edition_files`` as a whole. Alongside, in the same run, the
baseline: lxml parsing and serialising the same TEI files, and each output
as a ratio to it. No figure here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from encoder import deposit, pdf, site  # noqa: E402
from encoder.edition import load_edition  # noqa: E402
from encoder.publish import edition_files  # noqa: E402
from encoder.registers import load_registers  # noqa: E402
from encoder.render import render_html, render_index  # noqa: E402


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("edition", nargs="?", type=Path, default=ROOT / "editions")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)

    edition = load_edition(args.edition)
    issued = dt.date.fromisoformat(edition.published) if edition.published else dt.date(2000, 1, 1)
    files = sorted((args.edition / "tei").glob("*.xml"))
    if not files:
        print(f"no TEI files in {args.edition / 'tei'}: build the edition first", file=sys.stderr)
        return 1
    datas = [f.read_bytes() for f in files]
    trees = [etree.ElementTree(etree.fromstring(d)) for d in datas]
    registers = load_registers(args.edition / "registers")
    n = len(files)

    def each(fn: Callable[[etree._ElementTree, str], object]) -> Callable[[], None]:
        return lambda: [fn(t, f.stem) for t, f in zip(trees, files)] and None

    def records(tree: etree._ElementTree, stem: str) -> None:
        url = deposit.document_url(edition, stem)
        deposit.oai_dc_xml(tree, edition=edition, page_url=url)
        deposit.csl_json(tree, edition=edition, page_url=url)
        deposit.datacite_xml(tree, edition=edition, page_url=url, issued=issued)

    render_html(trees[0])  # compile the stylesheets and load WeasyPrint before timing
    pdf.document_pdf(trees[0], edition_title=edition.title)
    per_doc = {
        "baseline (lxml parse + serialise)": lambda: [etree.tostring(etree.fromstring(d)) for d in datas] and None,
        "reading page (HTML)": each(lambda t, s: render_html(t, params={"edition-title": edition.title})),
        "PDF": each(lambda t, s: pdf.document_pdf(t, edition_title=edition.title, registers=registers)),
        "records (DC, CSL, DataCite)": each(records),
        "facts (registers, search)": each(site.document_facts),
    }
    figures: dict[str, dict[str, float]] = {"per document (ms)": {}, "whole edition (ms)": {}}
    print(f"{n} documents of {args.edition}, median of {args.runs} runs; "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"\n{'per document':<36} {'ms/doc':>9} {'docs/s':>9} {'× baseline':>11}")
    base = None
    for label, fn in per_doc.items():
        t = median_time(fn, args.runs) / n
        base = base or t
        figures["per document (ms)"][label] = round(t * 1000, 3)
        print(f"{label:<36} {t * 1000:>9.2f} {1 / t:>9.0f} {t / base:>11.1f}")

    facts = [site.document_facts(t, f.stem) for t, f in zip(trees, files)]
    index = [{"href": f"{f.stem}.html", "title": x.title, "date": x.date} for f, x in zip(files, facts)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "tei").mkdir()
        for f, d in zip(files, datas):
            (out / "tei" / f.name).write_bytes(d)
        documents = {deposit.document_url(edition, f.stem): t for f, t in zip(files, trees)}
        whole = {
            "index page": lambda: render_index(index, edition_title=edition.title),
            "register pages (3)": lambda: site.register_pages(registers, facts, edition),
            "search index": lambda: site.search_index(facts, registers, edition),
            "CMIF": lambda: deposit.cmif_xml(documents, edition=edition,
                                             updated=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)),
            "edition PDF": lambda: pdf.edition_pdf(trees, title=edition.title, registers=registers),
            "edition_files (all of the above, TEI read back)": lambda: edition_files(
                out, edition, index, facts, registers, args.edition / "registers", notes=[]),
        }
        print(f"\n{'whole edition':<48} {'ms':>9}")
        for label, fn in whole.items():
            t = median_time(fn, max(1, args.runs // 2) if "PDF" in label or "files" in label else args.runs)
            figures["whole edition (ms)"][label] = round(t * 1000, 1)
            print(f"{label:<48} {t * 1000:>9.1f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
