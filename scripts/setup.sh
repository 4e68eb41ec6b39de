#!/usr/bin/env bash
# Set up tei-encoder on this machine: the system packages it needs (when missing), a virtual
# environment in .venv, and the package itself.
#
#   bash scripts/setup.sh          # for the main job: encode, validate, render (HTML and PDF)
#   bash scripts/setup.sh --test   # also what the test suite needs (a browser, pdftotext, checkers)
#
# System packages come from Debian's archive (apt-get), only those not installed yet, and only
# when this runs as root (or with password-less sudo); otherwise it says what is missing.
# Nothing here is needed at run time from the network.
set -euo pipefail
cd "$(dirname "$0")/.."

test_setup=0
[[ "${1:-}" == "--test" ]] && test_setup=1

# WeasyPrint (PDF) lays text out with Pango; DejaVu covers Latin, Cyrillic and Greek.
packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
if (( test_setup )); then
    # A real browser for the page tests, pdftotext to read PDFs back, Java for jing and the Nu checker.
    packages+=(chromium poppler-utils default-jre-headless)
fi

# Debian's python3 has venv only with python3-venv (a Python of one's own, e.g. pyenv, has it built in).
if ! command -v python3 >/dev/null; then
    packages+=(python3 python3-venv)
elif ! python3 -c "import ensurepip" 2>/dev/null; then
    packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} )) && command -v apt-get >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else sudo=(none); fi
    if [[ "${sudo[0]:-}" == none ]]; then
        echo "setup: missing system packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
    else
        echo "setup: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        "${sudo[@]}" apt-get update -qq >/dev/null
        "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
elif (( ${#missing[@]} )); then
    echo "setup: missing system packages: ${missing[*]} (no apt-get here: install them by hand)" >&2
fi

python3 -m venv .venv
if (( test_setup )); then
    .venv/bin/pip install -q -e '.[test]'
else
    .venv/bin/pip install -q -e .
fi
