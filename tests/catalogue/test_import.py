"""The workbook import (DESIGN.md §3): catalogue/workbook.py, the import_workbook command and
the admin upload page. Workbooks are built here with openpyxl."""

import io
import itertools
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision

from cases.factories import CaseIndexPageFactory
from catalogue import taxonomy
from catalogue.factories import (
    BatchFactory,
    BlacklistEntryFactory,
    ProviderIndexPageFactory,
    ProviderPageFactory,
    SolutionPageFactory,
)
from catalogue.models import (
    Batch,
    Industry,
    ProviderGrade,
    ProviderPage,
    Region,
    SolutionPage,
    Status,
    Subtype,
)
from catalogue.workbook import (
    MAX_CELL_CHARS,
    NO_PROVIDER_INDEX,
    NOT_XLSX,
    PROVIDER_COLUMNS,
    SOLUTION_COLUMNS,
    import_workbook,
    parse_region,
)
from portal.identifiers import make_uscc, uscc_problem

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "provider-workbook-sample.xlsx"

PROVIDER_HEADERS = [column.name for column in PROVIDER_COLUMNS]
SOLUTION_HEADERS = [column.name for column in SOLUTION_COLUMNS]


# --- Building workbooks --------------------------------------------------------------------------


def provider(n: int = 1, **values) -> dict:
    row = {
        "服务商名称": f"济南云帆数字科技有限公司{n}",
        "统一社会信用代码": make_uscc(70_000 + n),
        "所在地区": "济南市",
        "服务商类别": "数字化咨询服务商",
        "细分类型": "咨询规划服务商",
        "服务行业": "装备制造",
        "服务商简介": "为中小企业提供数字化转型咨询规划服务。",
        "联系人": "王经理",
        "联系电话": "0531-88888888",
        "网址": "https://www.example.cn",
        "入选批次": None,
        "年度评级": None,
        "评级年度": None,
        "解决方案设计师人数": 3,
    }
    row.update(values)
    return row


def solution(code: str, n: int = 1, **values) -> dict:
    row = {
        "解决方案名称": f"数字化车间规划服务{n}",
        "服务商统一社会信用代码": code,
        "服务商类别": "数字化咨询服务商",
        "适用行业": "装备制造",
        "部署方式": "SaaS",
        "参考价格（万元）": 5,
        "小快轻准": "是",
        "方案简介": "帮助装备制造企业规划数字化车间。",
    }
    row.update(values)
    return row


def table(rows: list[dict], headers: list[str] | None = None) -> list[list]:
    headers = headers or list(rows[0])
    return [headers, *[[row.get(header) for header in headers] for row in rows]]


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path):
    """``xlsx(providers=[...], solutions=[...], **other sheets)`` → the path of a new workbook.
    A list of dicts becomes a header row plus rows; a list of lists is written as it is."""
    numbers = itertools.count()

    def build(providers=None, solutions=None, **sheets) -> Path:
        content = {}
        for title, rows in (("服务商", providers), ("解决方案", solutions), *sheets.items()):
            if rows is None:
                continue
            content[title] = table(rows) if rows and isinstance(rows[0], dict) else rows
        return write_workbook(tmp_path / f"workbook-{next(numbers)}.xlsx", content)

    return build


@pytest.fixture
def index(home):
    return ProviderIndexPageFactory(parent=home)


def totals() -> dict:
    return {
        "providers": ProviderPage.objects.count(),
        "solutions": SolutionPage.objects.count(),
        "revisions": Revision.objects.count(),
        "pages": Page.objects.count(),
        "industries": Industry.objects.count(),
        "batches": Batch.objects.count(),
        "regions": Region.objects.count(),
        "subtypes": Subtype.objects.count(),
    }


def chinese(model):
    return taxonomy.canonical(model)


def assert_rejected(result, *, sheet, row, column, reason):
    assert not result.ok
    assert not result.counts
    matching = [
        problem
        for problem in result.errors
        if problem.sheet == sheet
        and problem.row == row
        and (column is None or problem.column == column)
        and reason in problem.reason
    ]
    assert matching, "\n".join(str(problem) for problem in result.errors)
    return matching[0]


def zh_provider(code: str) -> ProviderPage:
    return ProviderPage.objects.get(uscc=code, locale__language_code="zh-hans")


# --- The sample workbook -----------------------------------------------------------------------


@pytest.fixture
def sample(home):
    if not SAMPLE.exists():
        pytest.skip(f"sample workbook not found at {SAMPLE}")
    CaseIndexPageFactory(parent=home)  # the sample has a 典型案例 sheet
    return SAMPLE


def test_the_sample_workbook_imports_and_names_the_new_vocabulary(index, sample):
    industries_before = set(chinese(Industry).values_list("name", flat=True))

    result = import_workbook(sample)

    assert result.ok, result.summary_lines()
    assert (result.counts["服务商"].created, result.counts["服务商"].updated) == (15, 0)
    assert (result.counts["解决方案"].created, result.counts["解决方案"].updated) == (25, 0)
    # Industries the seeded list does not have; nothing already known is reported as new.
    assert {"现代物流", "农机", "造纸", "汽车零部件"} <= set(result.new_industries)
    assert not set(result.new_industries) & industries_before
    assert sorted(result.new_batches) == [
        *("2024年第1批", "2025年第1批", "2025年第2批", "2025年第3批", "2025年第4批"),
        *("2026年第1批", "2026年第3批"),
    ]
    assert result.new_regions == ["上海市"]
    assert set(result.new_industries) <= set(chinese(Industry).values_list("name", flat=True))
    assert Batch.objects.filter(year=2026, number=3).exists()

    providers = ProviderPage.objects.filter(locale__language_code="zh-hans")
    assert providers.count() == 15
    assert all(p.get_parent().pk == index.pk for p in providers)
    assert not providers.filter(live=True).exists()  # drafts awaiting review
    dongying = providers.get(uscc="91370502Y7LLJY1J96")
    draft = dongying.get_latest_revision_as_object()
    assert draft.title == "东营金桥云计算有限公司"
    assert draft.region.name == "东营市"
    assert [c.name for c in draft.categories.all()] == ["数字化综合服务商"]
    assert {i.name for i in draft.industries.all()} == {"冶金", "装备制造"}
    assert draft.designer_count == 35
    assert draft.batch.name == "2024年第1批"
    assert [(g.year, g.grade) for g in draft.grades.all()] == [(2025, "unqualified")]
    assert [(s.status, s.reason) for s in draft.status_changes.all()] == [
        (Status.SELECTED, "入选2024年第1批")
    ]
    shanghai = providers.get(uscc="913101150AQATC3Y1Y").get_latest_revision_as_object()
    assert (shanghai.region.province, shanghai.region.name) == ("上海市", "上海市")

    solutions = SolutionPage.objects.filter(locale__language_code="zh-hans")
    assert solutions.count() == 25
    platform = solutions.get(title="新锐工业互联网平台解决方案")
    assert platform.get_parent().specific.uscc == "91371602K7N91E558R"
    current = platform.get_latest_revision_as_object()
    assert current.category.name == "数字化基建服务商"
    assert current.deployment_mode == "hybrid"
    assert current.reference_price == Decimal("50.00")
    assert current.is_xkqz is True

    # Every new page has its English alias.
    assert ProviderPage.objects.filter(locale__language_code="en").count() == 15
    assert SolutionPage.objects.filter(locale__language_code="en").count() == 25


def test_importing_the_sample_again_changes_nothing(index, sample):
    import_workbook(sample)
    before = totals()
    log_entries = PageLogEntry.objects.count()

    result = import_workbook(sample)

    assert result.ok
    assert {sheet: (c.created, c.updated, c.unchanged) for sheet, c in result.counts.items()} == {
        "服务商": (0, 0, 15),
        "解决方案": (0, 0, 25),
        "典型案例": (0, 0, 4),
        "证书": (0, 0, 20),
    }
    assert (result.new_industries, result.new_batches, result.new_regions) == ([], [], [])
    assert totals() == before
    assert PageLogEntry.objects.count() == log_entries


def test_a_dry_run_reports_the_plan_and_writes_nothing(index, sample):
    before = totals()

    result = import_workbook(sample, dry_run=True)

    assert result.ok and result.dry_run
    assert result.counts["服务商"].created == 15
    assert result.counts["解决方案"].created == 25
    assert "现代物流" in result.new_industries
    assert result.new_regions == ["上海市"]
    assert totals() == before
    assert "试运行" in result.summary_lines()[0]


# --- Rejections: precise messages, nothing written ---------------------------------------------


@pytest.fixture
def unchanged(index):
    """An existing provider, then: the totals must not move."""
    ProviderPageFactory(parent=index, uscc=make_uscc(1))
    before = totals()
    yield
    assert totals() == before


def test_wrong_headers_are_rejected(xlsx, unchanged):
    rows = table([provider()])
    rows[0][0] = "服务商名字"
    result = import_workbook(xlsx(providers=rows))
    assert_rejected(
        result,
        sheet="服务商",
        row=1,
        column="服务商名字",
        reason="无法识别的列名“服务商名字”（A1）",
    )
    assert_rejected(
        result, sheet="服务商", row=1, column="服务商名称", reason="缺少必填列“服务商名称”"
    )


def test_a_missing_header_is_named(xlsx, unchanged):
    headers = [h for h in PROVIDER_HEADERS if h != "所在地区"]
    result = import_workbook(xlsx(providers=table([provider()], headers)))
    problem = assert_rejected(
        result, sheet="服务商", row=1, column="所在地区", reason="缺少必填列“所在地区”"
    )
    assert len(result.errors) == 1, problem


def test_a_bad_check_character_is_rejected_with_the_identifier_message(xlsx, unchanged):
    good = make_uscc(4242)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    result = import_workbook(xlsx(providers=[provider(), provider(2, 统一社会信用代码=bad)]))
    assert_rejected(
        result, sheet="服务商", row=3, column="统一社会信用代码", reason=uscc_problem(bad)
    )
    assert f"末位应为 {good[17]}" in result.errors[0].reason


def test_an_unknown_category_is_rejected(xlsx, unchanged):
    result = import_workbook(xlsx(providers=[provider(服务商类别="数字化咨询")]))
    assert_rejected(
        result,
        sheet="服务商",
        row=2,
        column="服务商类别",
        reason="未知的服务商类别“数字化咨询”：须为规定的十类之一",
    )


def test_a_subtype_outside_the_rows_categories_is_rejected(xlsx, unchanged):
    result = import_workbook(xlsx(providers=[provider(细分类型="设备管理服务商")]))
    assert_rejected(
        result,
        sheet="服务商",
        row=2,
        column="细分类型",
        reason="细分类型“设备管理服务商”属于“数字化生产服务商”，不在本行的服务商类别中",
    )


def test_a_misspelt_subtype_is_rejected_and_never_created(xlsx, unchanged):
    result = import_workbook(xlsx(providers=[provider(细分类型="咨询规化服务商")]))
    assert_rejected(
        result, sheet="服务商", row=2, column="细分类型", reason="未知的细分类型“咨询规化服务商”"
    )
    assert not Subtype.objects.filter(name="咨询规化服务商").exists()


def test_the_same_code_twice_names_both_rows(xlsx, unchanged):
    code = make_uscc(777)
    rows = [provider(1, 统一社会信用代码=code), provider(2), provider(3, 统一社会信用代码=code)]
    result = import_workbook(xlsx(providers=rows))
    assert_rejected(
        result,
        sheet="服务商",
        row=4,
        column="统一社会信用代码",
        reason="统一社会信用代码重复：第2行和第4行是同一个代码",
    )


def test_a_solution_of_an_unknown_provider_is_rejected(xlsx, unchanged):
    stranger = make_uscc(31337)
    result = import_workbook(
        xlsx(
            providers=[provider()],
            solutions=[solution(provider()["统一社会信用代码"]), solution(stranger, 2)],
        )
    )
    assert_rejected(
        result,
        sheet="解决方案",
        row=3,
        column="服务商统一社会信用代码",
        reason=f"找不到统一社会信用代码为 {stranger} 的服务商",
    )
    assert len(result.errors) == 1


@pytest.mark.parametrize("rows", [[PROVIDER_HEADERS], []], ids=["header only", "nothing at all"])
def test_an_empty_sheet_is_rejected(xlsx, unchanged, rows):
    result = import_workbook(xlsx(providers=rows))
    reason = "没有数据：只有列名" if rows else "是空的"
    assert_rejected(result, sheet="服务商", row=None, column=None, reason=reason)


@pytest.mark.parametrize(
    "content",
    [
        "服务商名称,统一社会信用代码\n济南云帆,91370000163044841F\n".encode(),
        bytes(range(256)) * 40,
        b"",
        b"PK\x03\x04 not really a zip",
    ],
    ids=["csv renamed", "random bytes", "empty file", "broken zip"],
)
def test_a_file_that_is_not_xlsx_is_rejected(tmp_path, unchanged, content):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(content)
    result = import_workbook(path)
    assert [problem.reason for problem in result.errors] == [NOT_XLSX]
    assert str(result.errors[0]) == NOT_XLSX


def test_a_zip_that_is_not_a_workbook_is_rejected(tmp_path, unchanged):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    result = import_workbook(buffer.getvalue())
    assert [problem.reason for problem in result.errors] == [NOT_XLSX]


def replace_in_package(path: Path, placeholder: str, text: str) -> Path:
    """openpyxl itself cuts a cell at Excel's 32,767 characters: write a placeholder, then put
    the real text into the package the way another tool could."""
    package = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for info in package.infolist():
            data = package.read(info.filename)
            rewritten.writestr(info, data.replace(placeholder.encode(), text.encode()))
    path.write_bytes(output.getvalue())
    return path


def test_a_ten_megabyte_cell_is_rejected_naming_the_cell(xlsx, unchanged):
    huge = "数" * (10 * 1024 * 1024)
    path = xlsx(providers=[provider(), provider(2, 服务商简介="HUGE-CELL-PLACEHOLDER")])
    result = import_workbook(replace_in_package(path, "HUGE-CELL-PLACEHOLDER", huge))
    problem = assert_rejected(
        result,
        sheet="服务商",
        row=3,
        column="服务商简介",
        reason=f"单元格 G3 内容过长：{len(huge)} 个字符，上限为 {MAX_CELL_CHARS} 个字符",
    )
    assert len(problem.value) < 100  # the value is not copied into the result


def test_a_cell_just_over_the_cap_is_rejected(xlsx, unchanged):
    result = import_workbook(xlsx(providers=[provider(联系人="王" * (MAX_CELL_CHARS + 1))]))
    assert_rejected(result, sheet="服务商", row=2, column="联系人", reason="单元格 H2 内容过长")


def test_without_a_provider_directory_nothing_is_imported(home, xlsx):
    result = import_workbook(xlsx(providers=[provider()]))
    assert_rejected(result, sheet="服务商", row=None, column=None, reason=NO_PROVIDER_INDEX)
    assert not ProviderPage.objects.exists()


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"服务商名称": ""}, "服务商名称", "必填项不能为空"),
        ({"服务商名称": "数" * 101}, "服务商名称", "服务商名称不能超过100个字符（实际101个）"),
        ({"所在地区": "南京市"}, "所在地区", "“南京市”不是山东省的地级市"),
        ({"所在地区": "江苏省"}, "所在地区", "请填写到地级市"),
        ({"网址": "ftp://files.example.cn"}, "网址", "网址须以 http:// 或 https:// 开头"),
        ({"网址": "not a url"}, "网址", "网址格式不正确"),
        ({"入选批次": "2025年3批"}, "入选批次", "入选批次应写成“YYYY年第N批”"),
        ({"年度评级": "良好", "评级年度": 2025}, "年度评级", "年度评级应为“优秀”“合格”或“不合格”"),
        ({"年度评级": "优秀"}, "评级年度", "填写了年度评级，还须填写评级年度"),
        ({"评级年度": 2025}, "年度评级", "填写了评级年度，还须填写年度评级"),
        ({"解决方案设计师人数": -1}, "解决方案设计师人数", "应为不小于0的整数"),
        ({"解决方案设计师人数": 2.5}, "解决方案设计师人数", "应为不小于0的整数"),
        ({"联系电话": "1" * 31}, "联系电话", "联系电话不能超过30个字符"),
    ],
)
def test_provider_values_are_checked(xlsx, unchanged, values, column, reason):
    result = import_workbook(xlsx(providers=[provider(**values)]))
    assert_rejected(result, sheet="服务商", row=2, column=column, reason=reason)


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        (
            {"服务商类别": "数字化咨询服务商；数字化生产服务商"},
            "服务商类别",
            "只能属于一个服务商类别",
        ),
        ({"部署方式": "本地部署"}, "部署方式", "部署方式应为“SaaS”“私有化部署”或“混合部署”"),
        ({"参考价格（万元）": -1}, "参考价格（万元）", "参考价格应为不小于0的数字"),
        ({"参考价格（万元）": "五万"}, "参考价格（万元）", "参考价格应为不小于0的数字"),
        ({"参考价格（万元）": 1.005}, "参考价格（万元）", "最多保留两位小数"),
        ({"小快轻准": "可能"}, "小快轻准", "小快轻准应填“是”或“否”"),
        ({"解决方案名称": None}, "解决方案名称", "必填项不能为空"),
    ],
)
def test_solution_values_are_checked(xlsx, unchanged, values, column, reason):
    code = provider()["统一社会信用代码"]
    result = import_workbook(xlsx(providers=[provider()], solutions=[solution(code, **values)]))
    assert_rejected(result, sheet="解决方案", row=2, column=column, reason=reason)


def test_the_same_solution_twice_names_both_rows(xlsx, unchanged):
    code = provider()["统一社会信用代码"]
    rows = [solution(code, 1), solution(code, 2), solution(code, 1, 方案简介="另一份简介")]
    result = import_workbook(xlsx(providers=[provider()], solutions=rows))
    assert_rejected(
        result, sheet="解决方案", row=4, column="解决方案名称", reason="第2行和第4行名称相同"
    )


def test_every_problem_is_listed_at_once(xlsx, unchanged):
    rows = [
        provider(1, 服务商类别="数字化咨询"),
        provider(2, 统一社会信用代码="91370000163044841A"),
        provider(3, 网址="mailto:a@example.cn"),
    ]
    result = import_workbook(xlsx(providers=rows, solutions=[solution(make_uscc(999))]))
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [
        ("服务商", 2, "服务商类别"),
        ("服务商", 3, "统一社会信用代码"),
        ("服务商", 4, "网址"),
        ("解决方案", 2, "服务商统一社会信用代码"),
    ]
    assert result.error_count == 4


def test_a_blacklisted_code_cannot_enter_the_pool(xlsx, unchanged):
    today = timezone.localdate()
    entry = BlacklistEntryFactory(start_date=today.replace(month=1, day=1))
    result = import_workbook(xlsx(providers=[provider(统一社会信用代码=entry.uscc)]))
    assert_rejected(
        result, sheet="服务商", row=2, column="统一社会信用代码", reason="在申报失信黑名单中"
    )


def test_values_in_a_column_without_a_header_are_reported(xlsx, unchanged):
    rows = table([provider()])
    rows[0].append(None)
    rows[1].append("多出来的内容")
    result = import_workbook(xlsx(providers=rows))
    assert_rejected(result, sheet="服务商", row=2, column="O列", reason="第O列没有列名却有内容")


# --- Reading values ---------------------------------------------------------------------------


def test_names_are_trimmed_and_full_width_characters_folded(index, xlsx):
    row = provider(
        服务商类别=" 数字化咨询服务商 ；数字化生产服务商,数字化技术服务商、 ",
        细分类型="咨询规划服务商，设备管理服务商",
        服务行业="装备制造；医药",
        所在地区="济南",
        统一社会信用代码=" ９１３７００００１６３０４４８４１ｆ ",
        解决方案设计师人数="１２",
    )
    result = import_workbook(xlsx(providers=[row]))
    assert result.ok, result.summary_lines()
    page = zh_provider("91370000163044841F").get_latest_revision_as_object()
    assert {c.slug for c in page.categories.all()} == {"consulting", "production", "technology"}
    assert {s.name for s in page.subtypes.all()} == {"咨询规划服务商", "设备管理服务商"}
    assert page.region.name == "济南市"
    assert page.designer_count == 12
    assert result.new_industries == []


def test_a_workbook_written_in_traditional_characters_matches_the_sites_names(index, xlsx):
    """An editor in Hong Kong or Taiwan types 煙臺市 for 烟台市: sheets, columns, places and
    terms are compared in simplified characters, and the names typed are kept as typed."""
    row = provider(
        服务商名称="煙臺雲帆數字科技有限公司",
        所在地区="山東省煙臺市",
        服务商类别="數字化諮詢服務商",
        细分类型="諮詢規劃服務商",
        服务行业="裝備製造",
    )
    traditional = {"服务商名称": "服務商名稱", "统一社会信用代码": "統一社會信用代碼"}
    traditional |= {"所在地区": "所在地區", "服务商类别": "服務商類別", "细分类型": "細分類型"}
    rows = table([row])
    rows[0] = [traditional.get(header, header) for header in rows[0]]
    result = import_workbook(xlsx(**{"服務商": rows}))
    assert result.ok, result.summary_lines()
    assert (result.new_regions, result.new_industries) == ([], [])
    page = zh_provider(row["统一社会信用代码"]).get_latest_revision_as_object()
    assert page.title == "煙臺雲帆數字科技有限公司"
    assert page.region.name == "烟台市"
    assert {c.slug for c in page.categories.all()} == {"consulting"}
    assert {s.name for s in page.subtypes.all()} == {"咨询规划服务商"}
    assert {i.name for i in page.industries.all()} == {"装备制造"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("济南", ("山东省", "济南")),
        ("济南市", ("山东省", "济南市")),
        ("山东省青岛市", ("山东省", "青岛市")),
        ("北京", ("北京市", "北京市")),
        ("上海市", ("上海市", "上海市")),
        ("江苏省南京市", ("江苏省", "南京市")),
        ("江苏南京", ("江苏省", "南京市")),
        ("广东省深圳市南山区", ("广东省", "深圳市")),
        ("黑龙江省哈尔滨市", ("黑龙江省", "哈尔滨市")),
        ("广西壮族自治区南宁市", ("广西壮族自治区", "南宁市")),
        ("四川省阿坝藏族羌族自治州", ("四川省", "阿坝藏族羌族自治州")),
        ("山東省煙臺市", ("山东省", "烟台市")),
        ("臺灣省臺北市", ("台湾省", "台北市")),
    ],
)
def test_regions_are_read(text, expected):
    assert parse_region(text) == expected


def test_regions_outside_shandong_are_created_with_an_english_twin(index, xlsx):
    rows = [
        provider(1, 所在地区="江苏省南京市"),
        provider(2, 所在地区="广东省深圳市"),
        provider(3, 所在地区="北京市"),
        provider(4, 所在地区="江苏省 南京市"),
    ]
    result = import_workbook(xlsx(providers=rows))
    assert result.ok, result.summary_lines()
    assert result.new_regions == ["江苏省南京市", "广东省深圳市", "北京市"]
    nanjing = chinese(Region).get(name="南京市")
    assert (nanjing.province, nanjing.slug) == ("江苏省", "nanjingshi")
    twin = Region.objects.get(translation_key=nanjing.translation_key, locale__language_code="en")
    assert (twin.name, twin.province, twin.slug) == ("Nanjing", "Jiangsu", "nanjingshi")
    assert chinese(Region).get(name="北京市").province == "北京市"
    # Known now: a second import creates nothing.
    assert import_workbook(xlsx(providers=rows)).new_regions == []


def test_new_industries_get_a_twin_and_are_reused(index, xlsx):
    result = import_workbook(xlsx(providers=[provider(服务行业="现代物流；ＭＥＳ实施")]))
    assert result.new_industries == ["现代物流", "MES实施"]
    logistics = chinese(Industry).get(name="现代物流")
    assert logistics.slug == "xiandaiwuliu"
    assert Industry.objects.filter(
        translation_key=logistics.translation_key, locale__language_code="en", slug="xiandaiwuliu"
    ).exists()
    again = import_workbook(xlsx(providers=[provider(2, 服务行业="现代物流, mes实施")]))
    assert again.new_industries == []


def test_a_website_without_a_scheme_gets_http(index, xlsx):
    result = import_workbook(xlsx(providers=[provider(网址="www.example.cn")]))
    assert result.ok, result.summary_lines()
    code = provider()["统一社会信用代码"]
    assert zh_provider(code).get_latest_revision_as_object().website == "http://www.example.cn"


def test_numbers_and_booleans_typed_as_excel_values_are_read(index, xlsx):
    code = provider()["统一社会信用代码"]
    row = solution(code)
    row.update({"参考价格（万元）": "8.5", "小快轻准": False, "部署方式": "saas"})
    result = import_workbook(xlsx(providers=[provider()], solutions=[row]))
    assert result.ok, result.summary_lines()
    page = SolutionPage.objects.get(locale__language_code="zh-hans")
    current = page.get_latest_revision_as_object()
    assert (current.reference_price, current.is_xkqz, current.deployment_mode) == (
        Decimal("8.50"),
        False,
        "saas",
    )


# --- Creating and updating -------------------------------------------------------------------


def test_a_new_provider_enters_the_pool_with_its_batch(index, xlsx):
    batch = BatchFactory(year=2025, number=3)
    rows = [
        provider(1, 入选批次="2025年第3批", 年度评级="优秀", 评级年度=2025),
        provider(2),
    ]
    result = import_workbook(xlsx(providers=rows))
    assert result.ok, result.summary_lines()
    assert result.new_batches == []

    first = zh_provider(rows[0]["统一社会信用代码"]).get_latest_revision_as_object()
    assert [(s.status, s.date, s.reason) for s in first.status_changes.all()] == [
        (Status.SELECTED, batch.published_on, "入选2025年第3批")
    ]
    assert [(g.year, g.grade) for g in first.grades.all()] == [(2025, "excellent")]
    second = zh_provider(rows[1]["统一社会信用代码"]).get_latest_revision_as_object()
    assert [(s.date, s.reason) for s in second.status_changes.all()] == [
        (timezone.localdate(), "入选资源池")
    ]


def test_slugs_come_from_the_name_are_unique_and_stable(index, xlsx):
    rows = [
        provider(1, 服务商名称="济南云帆科技有限公司"),
        provider(2, 服务商名称="济南云帆科技有限公司"),
    ]
    import_workbook(xlsx(providers=rows))
    first, second = (zh_provider(row["统一社会信用代码"]) for row in rows)
    assert first.slug == "jinanyunfankejiyouxiangongsi"
    assert second.slug == "jinanyunfankejiyouxiangongsi-2"

    rows[0]["服务商名称"] = "济南云帆数智科技有限公司"
    result = import_workbook(xlsx(providers=rows))
    assert (result.counts["服务商"].updated, result.counts["服务商"].unchanged) == (1, 1)
    renamed = zh_provider(rows[0]["统一社会信用代码"])
    assert renamed.slug == "jinanyunfankejiyouxiangongsi"
    assert renamed.get_latest_revision_as_object().title == "济南云帆数智科技有限公司"


def test_a_changed_row_updates_a_draft_with_one_new_revision(index, xlsx):
    code = provider()["统一社会信用代码"]
    import_workbook(xlsx(providers=[provider()]))
    page = zh_provider(code)
    revisions = page.revisions.count()

    result = import_workbook(xlsx(providers=[provider(服务商简介="新的简介。", 服务行业="医药")]))

    assert (result.counts["服务商"].updated, result.counts["服务商"].created) == (1, 0)
    assert page.revisions.count() == revisions + 1
    current = zh_provider(code).get_latest_revision_as_object()
    assert current.introduction == "新的简介。"
    assert [i.name for i in current.industries.all()] == ["医药"]
    assert [(s.reason) for s in current.status_changes.all()] == ["入选资源池"]  # not repeated


def test_a_live_provider_gets_a_draft_and_its_live_version_is_untouched(index, xlsx, client):
    existing = ProviderPageFactory(parent=index, uscc=make_uscc(5), title="青岛海智科技有限公司")
    existing.save_revision().publish()
    row = provider(
        统一社会信用代码=existing.uscc, 服务商名称="青岛海智科技有限公司", 服务商简介="改过的简介。"
    )

    result = import_workbook(xlsx(providers=[row]))

    assert result.counts["服务商"].updated == 1
    page = ProviderPage.objects.get(pk=existing.pk)
    assert page.live and page.has_unpublished_changes
    assert page.introduction == existing.introduction  # the live row
    assert page.get_latest_revision_as_object().introduction == "改过的简介。"
    response = client.get(page.get_url())
    assert response.status_code == 200
    assert "改过的简介" not in response.content.decode()


def test_a_column_left_out_leaves_the_field_alone(index, xlsx):
    code = provider()["统一社会信用代码"]
    import_workbook(xlsx(providers=[provider()]))
    headers = [h for h in PROVIDER_HEADERS if h not in {"服务商简介", "服务行业"}]
    result = import_workbook(xlsx(providers=table([provider()], headers)))
    assert result.counts["服务商"].unchanged == 1
    current = zh_provider(code).get_latest_revision_as_object()
    assert current.introduction == provider()["服务商简介"]
    assert [i.name for i in current.industries.all()] == ["装备制造"]


def test_a_grade_is_updated_in_place(index, xlsx):
    code = provider()["统一社会信用代码"]
    import_workbook(xlsx(providers=[provider(年度评级="合格", 评级年度=2024)]), publish=True)
    import_workbook(xlsx(providers=[provider(年度评级="合格", 评级年度=2025)]), publish=True)
    result = import_workbook(
        xlsx(providers=[provider(年度评级="优秀", 评级年度="2025年")]), publish=True
    )
    assert result.counts["服务商"].updated == 1
    page = zh_provider(code)
    assert sorted(ProviderGrade.objects.filter(provider=page).values_list("year", "grade")) == [
        (2024, "qualified"),
        (2025, "excellent"),
    ]
    assert (page.latest_grade, page.latest_grade_year) == ("excellent", 2025)


def test_solutions_attach_to_a_provider_already_on_the_site(index, xlsx):
    existing = ProviderPageFactory(parent=index, uscc=make_uscc(8))
    SolutionPageFactory(parent=existing, title="设备点检系统")
    rows = [
        solution(existing.uscc, 1, 解决方案名称="设备点检系统", 服务商类别="数字化生产服务商"),
        solution(existing.uscc, 2),
    ]
    result = import_workbook(xlsx(solutions=rows))
    assert result.ok, result.summary_lines()
    assert (result.counts["解决方案"].created, result.counts["解决方案"].updated) == (1, 1)
    assert "服务商" not in result.counts
    children = SolutionPage.objects.child_of(existing)
    assert sorted(children.values_list("title", flat=True)) == [
        "数字化车间规划服务2",
        "设备点检系统",
    ]

    again = import_workbook(xlsx(solutions=rows))
    assert again.counts["解决方案"].unchanged == 2


def test_sheets_outside_the_template_are_noted_not_imported(index, xlsx):
    result = import_workbook(xlsx(providers=[provider()], 备注=[["随便写写"]]))
    assert result.ok
    assert result.notes == ["工作表“备注”：已忽略（不是模板中的工作表）"]


def test_a_workbook_without_template_sheets_is_rejected(index, xlsx):
    result = import_workbook(xlsx(Sheet1=[["a"], ["b"]]))
    assert_rejected(result, sheet="", row=None, column=None, reason="没有可导入的工作表")


# --- Drafts and publishing ---------------------------------------------------------------------


def test_imported_pages_are_drafts_the_public_cannot_see(index, xlsx, client):
    code = provider()["统一社会信用代码"]
    import_workbook(xlsx(providers=[provider()], solutions=[solution(code)]))
    page = zh_provider(code)
    assert not page.live
    assert page.has_unpublished_changes
    assert not SolutionPage.objects.filter(live=True).exists()
    assert client.get(page.get_url()).status_code == 404


def test_publish_makes_pages_live(index, xlsx, client):
    code = provider()["统一社会信用代码"]
    result = import_workbook(xlsx(providers=[provider()], solutions=[solution(code)]), publish=True)
    assert result.publish
    page = zh_provider(code)
    assert page.live and not page.has_unpublished_changes
    assert SolutionPage.objects.child_of(page).get().live
    response = client.get(page.get_url())
    assert response.status_code == 200
    assert page.title in response.content.decode()
    english = ProviderPage.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )
    assert english.alias_of_id == page.pk and english.live


def test_publish_publishes_unchanged_drafts_without_a_new_revision(index, xlsx):
    code = provider()["统一社会信用代码"]
    path = xlsx(providers=[provider()])
    import_workbook(path)
    revisions = Revision.objects.count()
    result = import_workbook(path, publish=True)
    assert (result.counts["服务商"].unchanged, result.counts["服务商"].published) == (1, 1)
    assert zh_provider(code).live
    assert Revision.objects.count() == revisions
    assert import_workbook(path, publish=True).counts["服务商"].published == 0


# --- Streaming ----------------------------------------------------------------------------------


def test_a_large_workbook_is_validated_and_compared_with_few_queries(
    index, tmp_path, django_assert_max_num_queries
):
    rows = [provider(n, 服务行业="装备制造；医药") for n in range(1, 3001)]
    path = write_workbook(tmp_path / "large.xlsx", {"服务商": table(rows)})
    progress = []
    with django_assert_max_num_queries(60):
        result = import_workbook(path, dry_run=True, progress=lambda *args: progress.append(args))
    assert result.ok, result.summary_lines()[:5]
    assert result.counts["服务商"].created == 3000
    assert progress[-1] == ("比对", "服务商", 3000, 3000)
    assert len(progress) <= 2 * 101


@pytest.mark.parametrize("kept_rows", [10_000, 2])
def test_a_sheet_too_big_to_keep_is_read_again_with_the_same_result(
    index, xlsx, monkeypatch, kept_rows
):
    """A small sheet's rows are parsed once and kept for the import; a sheet of more than
    KEPT_ROWS rows is parsed again from the cells the validation spooled to a temporary file,
    so that memory stays bounded. Same import."""
    from catalogue import workbook

    monkeypatch.setattr(workbook, "KEPT_ROWS", kept_rows)
    providers = [provider(n, 服务行业="装备制造；新行业甲") for n in range(1, 6)]
    solutions = [solution(make_uscc(70_000 + n), n, 适用行业="新行业甲") for n in range(1, 6)]
    progress = []
    result = import_workbook(
        xlsx(providers=providers, solutions=solutions),
        progress=lambda *args: progress.append(args),
    )
    assert result.ok, result.summary_lines()[:5]
    assert (result.counts["服务商"].created, result.counts["解决方案"].created) == (5, 5)
    assert result.new_industries == ["新行业甲"]
    zh = ProviderPage.objects.filter(locale__language_code="zh-hans").order_by("uscc")
    assert [p.title for p in zh] == [f"济南云帆数字科技有限公司{n}" for n in range(1, 6)]
    assert all({i.name for i in p.industries.all()} == {"装备制造", "新行业甲"} for p in zh)
    assert SolutionPage.objects.filter(industries__name="新行业甲").count() == 10  # with aliases
    assert ("导入", "服务商", 5, 5) in progress and ("导入", "解决方案", 5, 5) in progress
    assert (
        import_workbook(xlsx(providers=providers, solutions=solutions)).counts["服务商"].unchanged
        == 5
    )


# --- The command ---------------------------------------------------------------------------------


@pytest.fixture
def keep_connections(monkeypatch):
    """run_from_argv closes every database connection when the command ends, which would take
    the test's transaction with it (PostgreSQL); a real process exits right after anyway."""
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)


def test_the_command_imports_and_exits_with_0(index, sample, capsys, keep_connections):
    execute_from_command_line(["manage.py", "import_workbook", str(sample), "--no-progress"])
    out = capsys.readouterr().out
    assert "服务商：新建 15，更新 0，未变 0" in out
    assert "解决方案：新建 25，更新 0，未变 0" in out
    assert "新建所在地区（1）：上海市" in out
    assert ProviderPage.objects.filter(locale__language_code="zh-hans", live=False).count() == 15


def test_the_command_lists_every_problem_and_exits_with_1(index, xlsx, capsys, keep_connections):
    path = xlsx(providers=[provider(服务商类别="数字化咨询"), provider(2, 网址="ftp://x.cn")])
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_workbook", str(path)])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "发现 2 个问题，未导入任何数据" in captured.out
    assert "第2行" in captured.out and "未知的服务商类别“数字化咨询”" in captured.out
    assert "第3行" in captured.out and "网址须以 http:// 或 https:// 开头" in captured.out
    assert "导入失败" in captured.err
    assert not ProviderPage.objects.exists()


def test_the_command_dry_run_publish_and_progress(index, xlsx, capsys):
    path = xlsx(providers=[provider()])
    call_command("import_workbook", str(path), "--dry-run")
    captured = capsys.readouterr()
    assert "试运行" in captured.out
    assert "100%" in captured.err  # the progress bar
    assert not ProviderPage.objects.exists()

    call_command("import_workbook", str(path), "--publish", "--no-progress")
    assert zh_provider(provider()["统一社会信用代码"]).live


def test_the_command_rejects_a_missing_file(index, tmp_path):
    with pytest.raises(CommandError, match="找不到文件") as error:
        call_command("import_workbook", str(tmp_path / "nope.xlsx"))
    assert error.value.returncode == 1


# --- The admin upload page --------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


@pytest.fixture
def editor(index, django_user_model):
    """An editor who may add pages under the provider directory, not a superuser."""
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="导入测试编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user


def test_the_upload_page_is_in_the_admin_menu(index, admin_client):
    response = admin_client.get("/admin/")
    assert "/admin/catalogue/import/" in response.content.decode()
    response = admin_client.get("/admin/catalogue/import/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "导入工作簿" in content
    assert 'name="publish"' in content  # superusers may publish directly


def test_users_who_cannot_add_providers_cannot_import(index, client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    group = Group.objects.create(name="只读")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get("/admin/catalogue/import/").status_code in {302, 403}
    assert "/admin/catalogue/import/" not in client.get("/admin/").content.decode()


def test_preview_shows_every_error_and_writes_nothing(index, admin_client, media, xlsx):
    path = xlsx(
        providers=[provider(服务商类别="数字化咨询"), provider(2, 细分类型="设备管理服务商")]
    )
    before = totals()
    response = admin_client.post("/admin/catalogue/import/", {"file": upload(path)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "发现 2 个问题，未导入任何数据" in content
    assert "未知的服务商类别“数字化咨询”" in content
    assert "不在本行的服务商类别中" in content
    assert 'name="token"' not in content  # nothing to confirm
    assert totals() == before
    assert not list((media / "imports").iterdir())  # the rejected upload is not kept


def test_preview_then_confirm_imports(index, admin_client, media, sample):
    response = admin_client.post("/admin/catalogue/import/", {"file": upload(sample)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "确认导入" in content
    assert "上海市" in content and "现代物流" in content
    assert not ProviderPage.objects.exists()  # a preview writes nothing
    token = response.context["token"]
    stored = list((media / "imports").iterdir())
    assert len(stored) == 1 and len(stored[0].stem) == 32

    response = admin_client.post("/admin/catalogue/import/confirm/", {"token": token})
    assert response.status_code == 200
    assert response.context["result"].counts["服务商"].created == 15
    assert ProviderPage.objects.filter(locale__language_code="zh-hans", live=False).count() == 15
    assert not list((media / "imports").iterdir())

    # The token cannot be used twice.
    response = admin_client.post("/admin/catalogue/import/confirm/", {"token": token})
    assert response.status_code == 302
    assert ProviderPage.objects.filter(locale__language_code="zh-hans").count() == 15


def test_a_superuser_may_publish_directly(index, admin_client, media, xlsx):
    path = xlsx(providers=[provider()])
    response = admin_client.post(
        "/admin/catalogue/import/", {"file": upload(path), "publish": "on"}
    )
    assert "直接发布" in response.content.decode()
    admin_client.post("/admin/catalogue/import/confirm/", {"token": response.context["token"]})
    assert zh_provider(provider()["统一社会信用代码"]).live


def test_an_editor_cannot_tick_publish(index, editor, client, media, xlsx):
    client.force_login(editor)
    response = client.get("/admin/catalogue/import/")
    assert response.status_code == 200
    assert 'name="publish"' not in response.content.decode()

    path = xlsx(providers=[provider()])
    response = client.post("/admin/catalogue/import/", {"file": upload(path), "publish": "on"})
    assert response.context["result"].publish is False
    response = client.post(
        "/admin/catalogue/import/confirm/", {"token": response.context["token"], "publish": "on"}
    )
    assert response.status_code == 200
    page = zh_provider(provider()["统一社会信用代码"])
    assert not page.live
    assert page.owner == editor


def test_a_forged_or_foreign_token_is_refused(index, admin_client, editor, client, media, xlsx):
    response = admin_client.post(
        "/admin/catalogue/import/", {"file": upload(xlsx(providers=[provider()]))}
    )
    token = response.context["token"]
    for forged in ("../../etc/passwd", token[:-2] + "xx"):
        response = admin_client.post("/admin/catalogue/import/confirm/", {"token": forged})
        assert response.status_code == 302
    client.force_login(editor)  # someone else's upload
    assert client.post("/admin/catalogue/import/confirm/", {"token": token}).status_code == 302
    assert not ProviderPage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("名单.csv", b"a,b\n1,2\n", "只能上传 .xlsx 格式的工作簿"),
        ("名单.xls", b"\xd0\xcf\x11\xe0", "只能上传 .xlsx 格式的工作簿"),
        ("大.xlsx", b"0" * (20 * 1024 * 1024 + 1), "文件超过 20 MB 上限"),
    ],
)
def test_other_files_are_refused_at_upload(index, admin_client, media, name, content, message):
    response = admin_client.post(
        "/admin/catalogue/import/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not (media / "imports").exists()


def test_a_renamed_file_that_is_not_xlsx_is_reported_in_the_preview(index, admin_client, media):
    response = admin_client.post(
        "/admin/catalogue/import/", {"file": SimpleUploadedFile("名单.xlsx", b"a,b\n1,2\n")}
    )
    assert NOT_XLSX in response.content.decode()
