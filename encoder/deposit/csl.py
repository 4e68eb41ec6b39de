"""CSL-JSON items (Citation Style Language 1.0 input data) for a document or the edition.

A document is a ``letter`` when the header names a recipient (telegrams,
letters: CSL's type for correspondence), otherwise a ``manuscript``; its
``issued`` date is the document's own date, its container the edition.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from encoder.deposit.datacite import split_name
from encoder.deposit.record import Agent, Record


def _csl_name(agent: Agent) -> dict[str, str]:
    if agent.kind == "orgName":
        return {"literal": agent.name}
    given, family, suffix = split_name(agent.name)
    name = {"family": family, "given": given, "suffix": suffix}
    return {k: v for k, v in name.items() if v}


def _date_parts(iso: str) -> dict[str, Any]:
    sign = -1 if iso.startswith("-") else 1
    parts = [int(p) for p in iso.lstrip("-").split("-")]
    return {"date-parts": [[sign * parts[0], *parts[1:]]]}


def csl_from_record(record: Record, *, issued: _dt.date | None = None) -> dict[str, Any]:
    """The CSL-JSON item of a record (a plain dict, ready for ``json.dumps``).

    ``issued`` is the edition's publication date, used for the edition's own item.
    """
    ed = record.edition
    item: dict[str, Any] = {"id": record.id, "title": record.title, "URL": record.url,
                            "publisher": ed.publisher}
    if record.kind == "document":
        item["type"] = "letter" if record.recipients else "manuscript"
        if record.senders:
            item["author"] = [_csl_name(a) for a in record.senders]
        if record.recipients:
            item["recipient"] = [_csl_name(a) for a in record.recipients]
        if record.translators:
            item["translator"] = [_csl_name(a) for a in record.translators]
        if record.date:
            item["issued"] = _date_parts(record.date)
        item["container-title"] = ed.title
        if record.doc_type:
            item["genre"] = record.doc_type
        if record.summary:
            item["abstract"] = record.summary
        if record.archive:
            item["archive"] = record.archive
        if record.archive_location:
            item["archive_location"] = record.archive_location
        source = record.published_in or record.source_publisher
        if source:
            item["source"] = source
        if record.language:
            item["language"] = record.language
    else:
        item["type"] = "book"
        item["id"] = "edition"
        if issued:
            item["issued"] = _date_parts(issued.isoformat())
        item["author"] = [{"literal": ed.publisher}]
        item["medium"] = "Digital scholarly edition"
    return item
