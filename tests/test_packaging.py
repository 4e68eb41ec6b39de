"""The wheel carries schemas/ and xslt/, and works installed outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED, need


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    (path,) = out.glob("tei_encoder-*.whl")
    return path


def test_wheel_holds_package_data(wheel) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("encoder/_data/schemas/tei-encoder.xsd", "encoder/_data/schemas/tei-encoder.sch",
                   "encoder/_data/schemas/xml.xsd", "encoder/_data/xslt/tei-to-html.xsl",
                   "encoder/data/geonames.tsv.gz", "encoder/data/archives.tsv"):
        assert needed in names, needed


def test_installed_wheel_works_outside_the_checkout(wheel, tmp_path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    seed = need(SEED)
    script = (
        "import encoder, sys\n"
        "assert encoder.__file__.startswith(sys.argv[1]), encoder.__file__\n"
        "from encoder.pipeline import encode_file\n"
        "from encoder.validate import validate\n"
        "from encoder.render import render_html\n"
        "r = encode_file(sys.argv[2])\n"
        "assert validate(r.tree).ok\n"
        "assert b'<main' in render_html(r.tree)\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", script, str(target), str(seed)], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "ok", result.stderr
