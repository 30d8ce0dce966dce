"""The interface speaks every language of the site, from catalogues that ship compiled.

The .mo files are committed (not compiled at install): a fresh machine has no GNU
gettext, and Django's ``compilemessages`` needs ``msgfmt``. scripts/compile_messages.py
compiles them with polib instead; these tests keep the committed files honest:
no empty or fuzzy entry in any shipped .po, every .mo exactly what the script makes of
its .po, Django really serving the translations, and ``makemessages`` finding no string
that the catalogues lack.
"""

import filecmp
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "locale"
# Every language but German, the source language, has a catalogue.
TRANSLATED = ("de_X-ls", "en", "tr", "ar", "uk")
PLURAL_FORMS = {"de_X-ls": 2, "en": 2, "tr": 2, "ar": 6, "uk": 3}


def load_compiler():
    spec = importlib.util.spec_from_file_location("compile_messages", ROOT / "scripts" / "compile_messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalogue(locale):
    return polib.pofile(str(LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"))


def test_every_language_of_the_site_but_german_has_a_catalogue():
    expected = {translation.to_locale(code) for code, _name in settings.LANGUAGES} - {"de"}
    assert expected == set(TRANSLATED)
    for locale in TRANSLATED:
        assert (LOCALE_DIR / locale / "LC_MESSAGES" / "django.po").is_file(), locale
        assert (LOCALE_DIR / locale / "LC_MESSAGES" / "django.mo").is_file(), locale


@pytest.mark.parametrize("locale", TRANSLATED)
def test_no_shipped_entry_is_empty_or_fuzzy(locale):
    po = catalogue(locale)
    assert len(po) > 0
    empty = [e.msgid for e in po if not e.obsolete and not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not empty, f"{locale}: untranslated {empty[:5]}"
    assert not fuzzy, f"{locale}: fuzzy {fuzzy[:5]}"
    assert "fuzzy" not in po.metadata_as_entry().flags


@pytest.mark.parametrize("locale", TRANSLATED)
def test_plural_forms_fit_the_language(locale):
    po = catalogue(locale)
    nplurals = PLURAL_FORMS[locale]
    assert f"nplurals={nplurals};" in po.metadata["Plural-Forms"].replace(" ", "")
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("locale", TRANSLATED)
def test_committed_mo_is_what_the_script_compiles(locale, tmp_path):
    """A .po edited without recompiling (or a hand-made .mo) fails here; run
    ``python scripts/compile_messages.py`` and commit both files."""
    po_path = LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"
    fresh = load_compiler().compile_catalogue(po_path, tmp_path / "django.mo")
    assert fresh.read_bytes() == po_path.with_suffix(".mo").read_bytes(), (
        f"{locale}: django.mo is stale; run python scripts/compile_messages.py"
    )


SKIP_LINK = {
    "en": "Skip to content",
    "tr": "İçeriğe geç",
    "ar": "انتقل إلى المحتوى",
    "uk": "Перейти до змісту",
    "de-x-ls": "Zum Text von dieser Seite",
}


@pytest.mark.parametrize("language", sorted(SKIP_LINK))
def test_django_serves_the_translations(language):
    with translation.override(language):
        assert translation.gettext("Zum Inhalt springen") == SKIP_LINK[language]
        # A status name and a plural rule, as the templates use them.
        assert translation.gettext("umgesetzt") != "umgesetzt"
        rendered = Template(
            "{% load i18n %}{% blocktranslate count counter=3 %}{{ counter }} Maßnahme"
            "{% plural %}{{ counter }} Maßnahmen{% endblocktranslate %}"
        ).render(Context())
        assert "3" in rendered and "Maßnahmen" not in rendered or language == "de-x-ls"
    with translation.override("de"):
        assert translation.gettext("Zum Inhalt springen") == "Zum Inhalt springen"


def test_arabic_uses_its_six_plural_forms():
    with translation.override("ar"):
        forms = {translation.ngettext("%(counter)s Maßnahme", "%(counter)s Maßnahmen", n) % {"counter": n} for n in (0, 1, 2, 3, 11, 100)}
    assert len(forms) == 6


def test_makemessages_finds_no_string_the_catalogues_lack(tmp_path):
    """Run makemessages (as the README says) on a copy of the project; the msgids it
    extracts must all be in the shipped catalogues."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "media", "staticfiles", "*.pyc", "__pycache__", "*.sqlite3", "bench"),
    )
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=.venv", "--ignore=bench", "--ignore=*/tests/*", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "moessingen_site.settings.dev", "PATH": "/usr/bin:/bin"},
    )
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))}
    for locale in TRANSLATED:
        shipped = {(e.msgctxt, e.msgid) for e in catalogue(locale) if not e.obsolete}
        missing = sorted(m for _c, m in extracted - shipped)
        assert not missing, f"{locale} lacks {missing[:5]}; run makemessages and translate"
