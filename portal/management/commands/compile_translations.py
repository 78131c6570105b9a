"""Compile the project's .po catalogues into .mo files, and write the source language's.

Django's compilemessages needs GNU gettext installed on the machine; polib (already installed
with wagtail-localize) does the same in pure Python, so `make run` works with only Python.

The interface strings are written in the site's language (LANGUAGE_CODE, zh-hans), so that
language has no catalogue of ours: each of its lookups missed every installed app's catalogue
(twenty for zh-hans, each tried twice, then the fallback's) before returning the string
itself, ~10 µs a lookup against 2 µs found, and a few hundred lookups a page (156 on a search
page, 386 on the provider directory). The source language's catalogue maps every Chinese
singular string of the project's ``django.po`` catalogues to itself, so a lookup finds it at
once; the text shown is the same. Plural entries are left out: a miss gives the singular for
one and the plural otherwise, which a catalogue of a one-form language would not.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import to_locale

# Han characters, and the CJK and full-width punctuation of strings such as "%(label)s：%(value)s".
CHINESE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def source_catalogue(catalogues: list[polib.POFile]) -> polib.POFile:
    """Every singular string of ``catalogues`` written in Chinese, translated as itself. Not the
    others: a string of ours in another script may be another app's too, which translates it
    (Django's "English" is 英语), and ours, read after the apps', would override that."""
    source = polib.POFile()
    source.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": to_locale(settings.LANGUAGE_CODE),
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    seen = set()
    for catalogue in catalogues:
        for entry in catalogue:
            key = (entry.msgctxt, entry.msgid)
            chinese = CHINESE.search(entry.msgid)
            if entry.msgid_plural or entry.obsolete or not chinese or key in seen:
                continue
            seen.add(key)
            source.append(
                polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgid)
            )
    return source


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po → .mo) without GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        source_language = to_locale(settings.LANGUAGE_CODE)
        for locale_dir in settings.LOCALE_PATHS:
            catalogues = []
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                if po_path.name == "django.po":  # not another domain's (djangojs)
                    catalogues.append(catalogue)
                compiled += 1
                self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated")
            mo_path = Path(locale_dir) / source_language / "LC_MESSAGES" / "django.mo"
            # Written from the others unless the source language has a catalogue of its own.
            if catalogues and not mo_path.with_suffix(".po").exists():
                mo_path.parent.mkdir(parents=True, exist_ok=True)
                source = source_catalogue(catalogues)
                source.save_as_mofile(str(mo_path))
                self.stdout.write(f"{mo_path}: {len(source)} strings of the source language")
        self.stdout.write(self.style.SUCCESS(f"Compiled {compiled} catalogue(s)."))
