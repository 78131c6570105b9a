"""Replace Wagtail's welcome page with our HomePage, in Chinese, and give it an English alias.

English is synchronised from Chinese (wagtail-localize's LocaleSynchronization): every page
written in Chinese gets an English alias that shows the Chinese content until it is translated,
so /en/ never answers 404 for a page that exists.
"""

import uuid

from django.db import migrations

TITLE = "数智服务商资源池"


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    HomePage = apps.get_model("portal", "HomePage")

    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=en, defaults={"sync_from": zh})

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    Site.objects.all().delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="portal")
    key = uuid.uuid4()
    home = HomePage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=zh,
        translation_key=key,
    )
    HomePage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug="home-en",
        content_type=home_type,
        path="00010002",
        depth=2,
        numchild=0,
        url_path="/home-en/",
        locale=en,
        translation_key=key,
        alias_of=home,
    )
    Page.objects.filter(depth=1).update(numchild=2)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=TITLE
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("portal", "HomePage")
    HomePage.objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
