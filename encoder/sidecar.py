"""Plain text with a metadata sidecar (TOML) -> ``Parsed``.

The sidecar is the form any archive's document can come in: ``title`` and
``date`` are required; the other keys are optional and checked for type.
When the text's first block is the title, it becomes the document heading.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path
from typing import Any

from encoder.errors import MetadataError
from encoder.model import Credit, Metadata, Parsed, Source
from encoder.structure import classify, split_blocks

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REQUIRED = ("title", "date")
_STRINGS = ("title", "doc_type", "time", "place", "sender", "classification", "archive",
            "reference", "source_note", "published_in", "url", "rights", "language",
            "translator", "funder", "summary", "record_id", "publisher", "contributor")
# Characters XML 1.0 cannot hold (TOML lets "\u0001" through).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LISTS = ("recipients", "contributors")
KNOWN = set(_STRINGS) | set(_LISTS) | {"date", "contributor", "keywords"}
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def sidecar_for(path: Path) -> Path:
    """The conventional sidecar of a source: ``ID.meta.toml`` beside ``ID.txt``."""
    return path.with_name(path.stem + ".meta.toml")


def load_sidecar(path: str | Path) -> tuple[dict[str, Any], list[str]]:
    """Read and check a sidecar; returns its values and warnings."""
    path = Path(path)
    origin = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MetadataError("metadata file not found", origin=origin,
                            hint="give the sidecar with --meta FILE, or put ID.meta.toml beside ID.txt") from None
    except UnicodeDecodeError:
        raise MetadataError("metadata file is not UTF-8", origin=origin, hint="save the TOML file as UTF-8") from None
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        raise MetadataError(f"not valid TOML: {str(err).split(' (at')[0]}", origin=origin, line=line,
                            hint="check quotes and '=' signs; see the sidecar keys in the README") from None
    except OSError as err:  # a folder, no permission, ...
        raise MetadataError(f"cannot read the metadata file: {err.strerror or err}", origin=origin,
                            hint="give a readable TOML file with --meta FILE") from None
    return check_sidecar(data, origin=origin)


def _line_from_message(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def check_sidecar(data: dict[str, Any], *, origin: str) -> tuple[dict[str, Any], list[str]]:
    warnings = [f"{origin}: unknown key {k!r} ignored (known keys: see README)" for k in data if k not in KNOWN]
    values = {k: v for k, v in data.items() if k in KNOWN}
    for key in REQUIRED:
        if key not in values or (isinstance(values[key], str) and not values[key].strip()):
            example = '"1945-11-21"' if key == "date" else '"..."'
            raise MetadataError(f"missing required field {key!r}", origin=origin,
                                hint=f"add a line such as {key} = {example}")
    for key in _STRINGS:
        if key in values and not isinstance(values[key], str):
            raise MetadataError(f"field {key!r} must be a string, not {type(values[key]).__name__}",
                                origin=origin, hint=f'write {key} = "..."')
    for key in (*_LISTS, "keywords"):
        if key in values:
            if isinstance(values[key], str):
                values[key] = [values[key]]
            if not isinstance(values[key], list) or not all(isinstance(v, str) for v in values[key]):
                raise MetadataError(f"field {key!r} must be a list of strings", origin=origin,
                                    hint=f'write {key} = ["...", "..."]')
    for key, value in values.items():
        for text in value if isinstance(value, list) else [value]:
            bad = _NOT_XML.search(text) if isinstance(text, str) else None
            if bad:
                raise MetadataError(f"field {key!r} holds U+{ord(bad.group()):04X}, which XML cannot hold",
                                    origin=origin, hint="remove the control character (or its \\u escape)")
    date = values["date"]
    if isinstance(date, (_dt.date, _dt.datetime)):
        values["date"] = date.isoformat()[:10]
    elif not isinstance(date, str) or not _ISO.match(date) or not _valid_iso(date):
        raise MetadataError(f"field 'date' is not an ISO date: {date!r}", origin=origin,
                            hint='write date = "YYYY-MM-DD" (or "YYYY-MM", or "YYYY")')
    if "time" in values and not re.match(r"^\d{1,2}:\d{2}$", values["time"]):
        raise MetadataError(f"field 'time' is not hh:mm: {values['time']!r}", origin=origin,
                            hint='write time = "14:30"')
    return values, warnings


def _valid_iso(s: str) -> bool:
    parts = [int(p) for p in s.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def parse_sidecar(source: Source, values: dict[str, Any], warnings: list[str] | None = None) -> Parsed:
    """Split a plain text into blocks, with its header from the sidecar values."""
    text = source.text
    regions = split_blocks(text)
    head = None
    title = " ".join(values["title"].split())
    if regions and " ".join(text[regions[0].start:regions[0].end].split()) == title:
        head = regions.pop(0)
    if not regions:
        from encoder.errors import SourceError

        raise SourceError("no document text after the heading", origin=source.origin, line=1,
                          hint="the text file should hold the document itself")
    credits = []
    if values.get("translator"):
        credits.append(Credit(role="trl", name=values["translator"]))
    for name in values.get("contributors", []) + ([values["contributor"]] if values.get("contributor") else []):
        credits.append(Credit(role="ctb", name=name))
    sender = values.get("sender")
    meta = Metadata(
        form="sidecar",
        title=values["title"],
        title_region=head,
        date=values["date"],
        date_text=values["date"],
        time=values.get("time"),
        place=values.get("place"),
        sender=(sender,) if sender else (),
        recipients=tuple(values.get("recipients", ())),
        doc_type=values.get("doc_type"),
        classification=values.get("classification"),
        language=values.get("language") if values.get("language") not in (None, "en") else None,
        funder=values.get("funder"),
        summary=values.get("summary"),
        citation=values.get("source_note"),
        rights=(values["rights"],) if values.get("rights") else (),
        credits=tuple(credits),
        archive=values.get("archive"),
        reference=values.get("reference"),
        record_id=values.get("record_id"),
        url=values.get("url"),
        published_in=values.get("published_in"),
        publisher=values.get("publisher"),
        keywords=tuple(("keyword", k, None) for k in values.get("keywords", ())),
    )
    return Parsed(source=source, meta=meta, head=head, blocks=classify(text, regions),
                  warnings=tuple(warnings or ()))
