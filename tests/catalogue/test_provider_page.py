"""A provider's public page: every field, its solutions, grades, timeline and standing."""

import datetime

import pytest
import wagtail_factories
from wagtail.models import Page

from catalogue import services
from catalogue.models import ProviderPage, Status
from tests.catalogue.catalogue_helpers import (
    make_provider,
    make_solution,
    result_titles,
    sync_english_aliases,
    visible_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def full_provider(provider_index, media):
    provider = make_provider(
        provider_index,
        title="山东云策数字科技有限公司",
        categories=["consulting", "technology"],
        subtypes=["planning", "artificial-intelligence"],
        industries=["chemicals", "equipment-manufacturing"],
        region="weifang",
        batch=(2025, 3),
        grades=[(2024, "qualified"), (2025, "excellent")],
        changes=[(datetime.date(2025, 3, 20), Status.SELECTED, "经专家评审入选2025年第3批")],
        address="潍坊市奎文区东风东街100号",
        website="https://yunce.example.cn",
        contact_name="王经理",
        contact_phone="0536-1234567",
        introduction="深耕化工行业数字化咨询。\n提供智能工厂规划服务。",
        designer_count=7,
        logo=wagtail_factories.ImageFactory(title="云策标志"),
    )
    solution = make_solution(provider, title="化工安全生产智能监测平台", category="technology")
    draft = make_solution(provider, title="尚未发布的方案")
    draft.unpublish()
    sync_english_aliases([provider, solution])
    return provider


def test_the_page_shows_everything_public_about_the_provider(client, full_provider):
    response = client.get("/providers/" + full_provider.slug + "/")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    for expected in [
        "山东云策数字科技有限公司",
        full_provider.uscc,
        "潍坊市",
        "潍坊市奎文区东风东街100号",
        "https://yunce.example.cn",
        "王经理",
        "0536-1234567",
        "数字化咨询服务商",
        "数字化技术服务商",
        "咨询规划服务商",
        "人工智能服务商",
        "化工",
        "装备制造",
        "深耕化工行业数字化咨询。",
        "提供智能工厂规划服务。",
        "7 人",
        "2025年第3批",
        "化工安全生产智能监测平台",
        "2025年度评级：优秀",
        "2025-03-20",
        "经专家评审入选2025年第3批",
    ]:
        assert expected in text, expected
    assert "尚未发布的方案" not in text
    assert [s.title for s in response.context["solutions"]] == ["化工安全生产智能监测平台"]
    assert [(g.year, g.grade) for g in response.context["grades"]] == [
        (2025, "excellent"),
        (2024, "qualified"),
    ]
    assert "<img" in response.content.decode() and "provider__logo" in response.content.decode()


def test_the_english_alias_shows_the_same_provider_with_english_terms(client, full_provider):
    response = client.get("/en/providers/" + full_provider.slug + "/")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "山东云策数字科技有限公司" in text
    assert "Weifang" in text and "Digital consulting providers" in text
    assert "化工安全生产智能监测平台" in text
    assert response.context["page"].locale.language_code == "en"


def test_a_removed_provider_keeps_its_page_with_a_banner_and_410(client, provider_index):
    provider = make_provider(provider_index, title="济南清退科技有限公司")
    sync_english_aliases([provider])
    services.change_status(
        ProviderPage.objects.get(pk=provider.pk),
        status=Status.REMOVED,
        reason="整改期满复评仍不合格",
        date=datetime.date(2026, 2, 1),
    )

    response = client.get(f"/providers/{provider.slug}/")
    assert response.status_code == 410
    text = visible_text(response.content.decode())
    assert "该服务商已于 2026-02-01 清退出资源池：整改期满复评仍不合格" in text
    assert 'role="alert"' in response.content.decode()
    assert client.get(f"/en/providers/{provider.slug}/").status_code == 410

    assert "济南清退科技有限公司" not in result_titles(client.get("/providers/"))
    assert result_titles(client.get("/providers/?status=removed")) == ["济南清退科技有限公司"]
    timeline = response.context["timeline"]
    assert [(c.date, c.status) for c in timeline] == [(datetime.date(2026, 2, 1), "removed")]


def test_a_provider_under_rectification_shows_a_warning_with_the_deadline(client, provider_index):
    provider = make_provider(
        provider_index, title="青岛整改科技有限公司", grades=[(2025, "unqualified")]
    )
    sync_english_aliases([provider])
    services.change_status(
        ProviderPage.objects.get(pk=provider.pk),
        status=Status.RECTIFYING,
        reason="年度评价不合格",
        date=datetime.date(2026, 1, 10),
        deadline=datetime.date(2026, 6, 30),
    )

    response = client.get(f"/providers/{provider.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="badge badge--warning">整改期限：2026-06-30' in html
    assert "该服务商正在限期整改，整改期限至 2026-06-30。" in visible_text(html)
    change = response.context["timeline"][0]
    assert (change.status, change.reason, change.deadline) == (
        "rectifying",
        "年度评价不合格",
        datetime.date(2026, 6, 30),
    )
    # Still listed, with its status on the card.
    listing = client.get("/providers/")
    assert "青岛整改科技有限公司" in result_titles(listing)
    assert "整改中" in visible_text(listing.content.decode())


def test_the_timeline_is_newest_first_with_every_change(client, provider_index):
    provider = make_provider(
        provider_index,
        changes=[
            (datetime.date(2025, 2, 15), Status.SELECTED, "入选2025年第1批"),
            (
                datetime.date(2026, 1, 10),
                Status.RECTIFYING,
                "评价不合格",
                datetime.date(2026, 4, 30),
            ),
            (datetime.date(2026, 5, 8), Status.SELECTED, "整改验收通过，恢复"),
        ],
    )
    sync_english_aliases([provider])
    response = client.get(f"/providers/{provider.slug}/")
    text = visible_text(response.content.decode())
    positions = [text.index(s) for s in ["2026-05-08", "2026-01-10", "2025-02-15"]]
    assert positions == sorted(positions)
    assert "整改验收通过，恢复" in text and "整改期限：2026-04-30" in text
    assert response.status_code == 200


def test_an_unpublished_provider_is_not_served(client, provider_index):
    provider = make_provider(provider_index, title="草稿科技有限公司")
    sync_english_aliases([provider])
    Page.objects.get(pk=provider.pk).specific.unpublish()
    assert client.get(f"/providers/{provider.slug}/").status_code == 404
    assert "草稿科技有限公司" not in result_titles(client.get("/providers/"))


def test_each_published_update_shows_its_change_note(client, provider_index):
    from catalogue.factories import ProviderPageFactory as Factory

    provider = Factory(parent=provider_index)
    provider.save_revision().publish()
    provider.change_note = "更新联系人"
    provider.save_revision().publish()
    provider.change_note = "新增两项解决方案"
    provider.save_revision().publish()

    html = client.get(provider.url).content.decode()
    assert html.index("新增两项解决方案") < html.index("更新联系人")  # newest first
