"""Compile every locale/*/LC_MESSAGES/django.po into its .mo with polib.

The compiled catalogues are committed, so that a fresh machine serves every language
right after the README's set-up command, without GNU gettext installed (Django's
``compilemessages`` needs ``msgfmt``). polib ships with wagtail-localize and writes
the same catalogue on every machine; a test (moessingen_site/tests/test_translations.py)
fails when a committed .mo is not what this script makes of its .po.

Usage: python scripts/compile_messages.py  (from anywhere; paths are relative to the repo)
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "locale"


def catalogues(locale_dir=LOCALE_DIR):
    """Every shipped django.po, in a stable order."""
    return sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path, mo_path=None):
    """Write the .mo for ``po_path`` (next to it unless ``mo_path`` is given)."""
    po_path = Path(po_path)
    mo_path = Path(mo_path) if mo_path else po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


def main():
    paths = catalogues()
    for po_path in paths:
        mo_path = compile_catalogue(po_path)
        print(mo_path.relative_to(ROOT))
    return 0 if paths else 1


if __name__ == "__main__":
    sys.exit(main())
