"""BagIt bags (RFC 8493) for deposit in a repository, made and checked with the ``bagit`` library."""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Final

import bagit

from encoder.deposit.record import DepositError

CHECKSUMS: Final = ("sha256", "sha512")


def _payload_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or name.startswith("data/"):
        raise DepositError(f"bad payload path {name!r}",
                           hint="give paths relative to the bag's data/ folder, such as 'tei/ID.xml'")
    return path


def write_bag(folder: str | Path, payload: Mapping[str, bytes | Path], *, info: Mapping[str, str],
              bagging_date: _dt.date) -> Path:
    """Write ``payload`` (path under ``data/`` -> bytes, or the file to copy) as a validated BagIt bag at ``folder``.

    ``info`` goes to ``bag-info.txt`` (for instance ``Source-Organization``, ``External-Description``);
    ``bagging_date`` is passed in so that the bag's metadata is reproducible. The bag is made
    and validated in a temporary folder beside ``folder`` and only then moved into place, so a
    failed run leaves no half-written bag; an existing bag at ``folder`` is replaced.
    """
    folder = Path(folder)
    if not payload:
        raise DepositError("a bag needs at least one payload file", origin=str(folder))
    paths = {name: _payload_path(name) for name in payload}
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        for name, data in payload.items():
            target = staging.joinpath(*paths[name].parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, Path):
                shutil.copyfile(data, target)  # a file of the site, copied without holding it in memory
            else:
                target.write_bytes(data)
        bag_info = {"Bagging-Date": bagging_date.isoformat(), **info}
        bag = bagit.make_bag(str(staging), bag_info=bag_info, checksums=list(CHECKSUMS))
        try:
            bag.validate()
        except bagit.BagValidationError as err:  # pragma: no cover - bagit made it; a bug if it fails
            raise DepositError(f"the new bag does not validate: {err}", origin=str(folder)) from err
        os.chmod(staging, 0o755)
        if folder.exists():
            old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.old."))
            os.replace(folder, old / folder.name)
            os.replace(staging, folder)
            shutil.rmtree(old)
        else:
            os.replace(staging, folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return folder
