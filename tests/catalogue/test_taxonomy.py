import pytest

from catalogue import taxonomy
from catalogue.models import Category, Industry, Region, Subtype

pytestmark = pytest.mark.django_db

# DESIGN.md §1: the programme's fixed categories, in order, with their subtypes.
EXPECTED = [
    ("数字化评测服务商", []),
    ("数字化咨询服务商", ["咨询规划服务商", "工程设计服务商", "人才发展服务商"]),
    (
        "数字化运营服务商",
        [
            "流程管理服务商",
            "财务管理服务商",
            "营销管理服务商",
            "供应链管理服务商",
            "售后管理服务商",
        ],
    ),
    (
        "数字化研发服务商",
        ["产品设计服务商", "研发管理服务商", "工艺设计服务商", "工艺优化服务商", "仿真分析服务商"],
    ),
    (
        "数字化生产服务商",
        [
            "计划调度服务商",
            "生产管理服务商",
            "质量管理服务商",
            "设备管理服务商",
            "仓储物流服务商",
            "安环管理服务商",
            "能源管理服务商",
        ],
    ),
    (
        "数字化基建服务商",
        [
            "网络通信服务商",
            "云计算服务商",
            "物联接入集成服务商",
            "信息系统集成服务商",
            "工业互联网平台服务商",
            "信息安全服务商",
        ],
    ),
    (
        "数字化设备服务商",
        ["智能设备制造服务商", "设备工艺调试服务商", "工业控制系统服务商", "设备运维服务商"],
    ),
    ("数字化技术服务商", ["数据应用服务商", "人工智能服务商", "数字孪生服务商"]),
    ("数字化综合服务商", []),
    ("数字化品牌设计服务商", []),
]
CITIES = (
    "济南市 青岛市 淄博市 枣庄市 东营市 烟台市 潍坊市 济宁市 "
    "泰安市 威海市 日照市 临沂市 德州市 聊城市 滨州市 菏泽市"
)


def test_the_ten_categories_and_their_subtypes_exist_after_migrate():
    categories = taxonomy.canonical(Category).order_by("number")
    actual = [
        (c.name, list(c.subtypes.order_by("sort_order").values_list("name", flat=True)))
        for c in categories
    ]
    assert actual == EXPECTED
    assert [c.number for c in categories] == list(range(1, 11))


def test_the_sixteen_shandong_cities_exist_in_order():
    names = list(taxonomy.canonical(Region).values_list("name", flat=True))
    assert names == CITIES.split()


def test_an_industry_list_exists():
    assert taxonomy.canonical(Industry).count() >= 20


@pytest.mark.parametrize("model", [Category, Subtype, Region, Industry])
def test_every_term_has_an_english_translation_with_the_same_slug(model):
    chinese = taxonomy.canonical(model)
    for term in chinese:
        english = model.objects.get(
            translation_key=term.translation_key, locale__language_code="en"
        )
        assert english.slug == term.slug
        assert english.name and english.name != term.name


def test_names_follow_the_active_language():
    consulting = taxonomy.canonical(Category).get(slug="consulting")
    assert taxonomy.display_name(consulting, "zh-hans") == "数字化咨询服务商"
    assert taxonomy.display_name(consulting, "en") == "Digital consulting providers"


def test_renaming_a_term_shows_at_once(admin_client):
    qingdao = taxonomy.canonical(Region).get(slug="qingdao")
    assert taxonomy.display_name(qingdao, "zh-hans") == "青岛市"
    qingdao.name = "青岛"
    qingdao.save()
    assert taxonomy.display_name(qingdao, "zh-hans") == "青岛"


def test_categories_cannot_be_added_or_deleted_in_the_admin(admin_client):
    consulting = taxonomy.canonical(Category).get(slug="consulting")
    assert admin_client.get("/admin/snippets/catalogue/category/add/").status_code in {302, 403}
    delete_url = f"/admin/snippets/catalogue/category/delete/{consulting.pk}/"
    assert admin_client.post(delete_url).status_code in {302, 403}
    assert Category.objects.filter(pk=consulting.pk).exists()
    edit_url = f"/admin/snippets/catalogue/category/edit/{consulting.pk}/"
    assert admin_client.get(edit_url).status_code == 200


def test_editors_can_add_a_subtype(admin_client):
    consulting = taxonomy.canonical(Category).get(slug="consulting")
    response = admin_client.post(
        "/admin/snippets/catalogue/subtype/add/",
        {
            "category": consulting.pk,
            "name": "标准化服务商",
            "slug": "standardisation",
            "sort_order": 9,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Subtype.objects.filter(slug="standardisation", category=consulting).exists()


def test_nobody_may_add_or_delete_a_category():
    from django.contrib.auth import get_user_model
    from wagtail.permissions import policy_registry

    User = get_user_model()
    User.objects.create_superuser("root", password="pw")
    policy = policy_registry.get_by_type(Category)
    assert list(policy.users_with_any_permission(["add", "delete"])) == []
    assert policy.users_with_any_permission(["add", "delete"]).model is User
