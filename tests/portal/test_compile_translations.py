"""manage.py compile_translations: the project's catalogues compiled, and the source language's
written from them (every string its own translation, so that a lookup in the site's language
finds it at once instead of missing every installed app's catalogue)."""

import gettext
from io import StringIO

import polib
from django.core.management import call_command
from django.utils.translation import to_locale

CATALOGUE = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "搜索"
msgstr "Search"

msgctxt "排序"
msgid "名称"
msgstr "Name"

msgid "English"
msgstr "English"

msgid "%(label)s：%(value)s"
msgstr "%(label)s: %(value)s"

#~ msgid "已删除"
#~ msgstr "Deleted"

msgid "共 %(counter)s 条"
msgid_plural "共 %(counter)s 条"
msgstr[0] "%(counter)s result"
msgstr[1] "%(counter)s results"
"""


def write_catalogue(locale_dir, language, text=CATALOGUE):
    path = locale_dir / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_source_language_has_every_string_as_its_own_translation(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    write_catalogue(tmp_path, "en")

    call_command("compile_translations", stdout=StringIO())

    english = polib.mofile(str(tmp_path / "en" / "LC_MESSAGES" / "django.mo"))
    assert english.find("搜索").msgstr == "Search"
    # Where Django looks for the site's language.
    found = gettext.find("django", str(tmp_path), [to_locale(settings.LANGUAGE_CODE)])
    source = polib.mofile(found)
    assert {(e.msgctxt, e.msgid, e.msgstr) for e in source} == {
        (None, "搜索", "搜索"),
        ("排序", "名称", "名称"),
        (None, "%(label)s：%(value)s", "%(label)s：%(value)s"),
    }  # left out: the plural (a miss gives its singular for one, its plural for more),
    # "English", which is Django's too, as 英语, and the obsolete string


def test_a_catalogue_of_the_source_language_is_kept(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    write_catalogue(tmp_path, "en")
    own = CATALOGUE.replace('msgstr "Search"', 'msgstr "查找"')
    write_catalogue(tmp_path, "zh_Hans", own)

    call_command("compile_translations", stdout=StringIO())

    source = polib.mofile(str(tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.mo"))
    assert source.find("搜索").msgstr == "查找"
