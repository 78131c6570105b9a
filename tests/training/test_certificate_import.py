"""The 证书 sheet of the workbook import (catalogue.workbook + training.workbook): validation
before anything is written, new programmes, idempotency, status changes, permissions."""

import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalogue.workbook import import_workbook
from tests.training.conftest import ID_NUMBERS
from training.models import Certificate, ProgrammePage, TrainingIndexPage
from training.personal import id_fingerprint

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[3] / "shared" / "samples" / "provider-workbook-sample.xlsx"
)
HEADERS = [
    "证书编号",
    "姓名",
    "身份证号",
    "工作单位",
    "培训项目",
    "考核成绩",
    "发证日期",
    "证书状态",
]


def row(n: int = 1, **values) -> dict:
    data = {
        "证书编号": f"SDSZ2025{n:06d}",
        "姓名": ["张建国", "李秀英", "王磊", "欧阳娜娜"][n % 4],
        "身份证号": ID_NUMBERS[n % len(ID_NUMBERS)],
        "工作单位": "济南智恒数字科技有限公司",
        "培训项目": "数字化解决方案设计实践",
        "考核成绩": 85,
        "发证日期": "2025-06-01",
        "证书状态": "有效",
    }
    data.update(values)
    return data


def workbook(rows: list[dict], headers: list[str] | None = None) -> bytes:
    headers = headers or HEADERS
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "证书"
    sheet.append(headers)
    for item in rows:
        sheet.append([item.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def counts(result):
    c = result.counts["证书"]
    return c.created, c.updated, c.unchanged


def test_certificates_are_imported_with_hashed_and_masked_id_numbers(programme):
    result = import_workbook(
        workbook([row(1), row(2, 考核成绩="92.5", 发证日期=datetime.date(2025, 7, 3))])
    )
    assert result.ok, result.summary_lines()
    assert counts(result) == (2, 0, 0)
    first = Certificate.objects.get(number="SDSZ2025000001")
    assert first.programme_id == programme.pk
    assert first.id_hash == id_fingerprint(ID_NUMBERS[1]).hash
    assert first.id_masked == ID_NUMBERS[1][:6] + "********" + ID_NUMBERS[1][-4:]
    second = Certificate.objects.get(number="SDSZ2025000002")
    assert (str(second.score), second.issued_on) == ("92.5", datetime.date(2025, 7, 3))
    assert len(second.token) >= 40
    assert "证书：新建 2，更新 0，未变 0" in result.summary_lines()


def test_reimporting_changes_nothing_and_a_change_updates_in_place(programme):
    rows = [row(n) for n in range(1, 6)]
    import_workbook(workbook(rows))
    tokens = dict(Certificate.objects.values_list("number", "token"))

    again = import_workbook(workbook(rows))
    assert counts(again) == (0, 0, 5)
    assert not again.changed

    rows[0]["工作单位"] = "青岛蓝海软件有限公司"
    changed = import_workbook(workbook(rows))
    assert counts(changed) == (0, 1, 4)
    assert Certificate.objects.get(number="SDSZ2025000001").employer == "青岛蓝海软件有限公司"
    assert dict(Certificate.objects.values_list("number", "token")) == tokens  # links stay


def test_a_new_programme_is_created_unpublished_and_reported(training_index):
    result = import_workbook(workbook([row(1, 培训项目="工业互联网应用实践")]))
    assert result.ok
    assert result.extra_vocabulary == {"培训项目": ["工业互联网应用实践"]}
    assert any("新建培训项目（1）：工业互联网应用实践" in line for line in result.summary_lines())
    page = ProgrammePage.objects.get(title="工业互联网应用实践", locale__language_code="zh-hans")
    assert not page.live and page.get_parent().pk == training_index.pk
    assert ProgrammePage.objects.filter(alias_of=page).exists()  # the English alias
    assert Certificate.objects.get().programme_id == page.pk
    # The same name, written differently, is the same programme next time.
    again = import_workbook(workbook([row(1, 培训项目=" 工业互联网应用实践 ")]))
    assert again.extra_vocabulary == {} and counts(again) == (0, 0, 1)


def test_without_a_training_page_one_is_created_as_a_draft(home):
    result = import_workbook(workbook([row(1)]))
    assert result.ok, result.summary_lines()
    index = TrainingIndexPage.objects.get(locale__language_code="zh-hans")
    assert not index.live and index.get_parent().pk == home.pk


def test_a_dry_run_reports_and_writes_nothing(programme):
    result = import_workbook(workbook([row(1), row(2, 培训项目="新项目")]), dry_run=True)
    assert result.ok and counts(result) == (2, 0, 0)
    assert result.extra_vocabulary == {"培训项目": ["新项目"]}
    assert not Certificate.objects.exists()
    assert not ProgrammePage.objects.filter(title="新项目").exists()


def test_every_problem_is_reported_and_nothing_is_written(programme):
    bad_check = ID_NUMBERS[3][:17] + ("0" if ID_NUMBERS[3][17] != "0" else "1")
    rows = [
        row(1),
        row(2, 身份证号=bad_check),
        row(3, 发证日期="2025-13-45"),
        row(4, 证书编号="SDSZ2025000001"),  # duplicate of row 2 of the sheet
        row(5, 姓名=""),
        row(6, 考核成绩=120),
        row(7, 证书状态="作废"),
        row(8, 证书编号="' OR 1=1 --"),
        row(9, 发证日期=(timezone.localdate() + datetime.timedelta(days=30)).isoformat()),
        row(10, 姓名="张三<script>"),
        row(11, 身份证号="１２３"),
    ]
    result = import_workbook(workbook(rows))
    assert not result.ok
    problems = {(p.row, p.column): p for p in result.errors}
    assert "校验位" in problems[3, "身份证号"].reason
    assert problems[3, "身份证号"].value == bad_check[:6] + "********" + bad_check[-4:]
    assert "日期" in problems[4, "发证日期"].reason
    assert "第2行和第5行" in problems[5, "证书编号"].reason
    assert "必填" in problems[6, "姓名"].reason
    assert "0 到 100" in problems[7, "考核成绩"].reason
    assert "有效" in problems[8, "证书状态"].reason
    assert "字母、数字" in problems[9, "证书编号"].reason
    assert "晚于今天" in problems[10, "发证日期"].reason
    assert "姓名只能包含" in problems[11, "姓名"].reason
    assert "18位" in problems[12, "身份证号"].reason
    assert not Certificate.objects.exists()
    # No full ID number in the report.
    text = "\n".join(result.summary_lines())
    assert bad_check not in text


def test_missing_required_columns_are_reported(programme):
    result = import_workbook(workbook([row(1)], headers=["证书编号", "姓名", "培训项目"]))
    assert not result.ok
    missing = {p.column for p in result.errors if "缺少必填列" in p.reason}
    assert missing == {"身份证号", "发证日期"}


def test_dates_in_the_usual_forms(programme):
    rows = [
        row(1, 发证日期="2025/6/1"),
        row(2, 发证日期="2025年6月1日"),
        row(3, 发证日期=datetime.datetime(2025, 6, 1)),
        row(4, 发证日期="２０２５-０６-０１"),
    ]
    result = import_workbook(workbook(rows))
    assert result.ok, result.summary_lines()
    assert set(Certificate.objects.values_list("issued_on", flat=True)) == {
        datetime.date(2025, 6, 1)
    }


def test_status_changes_revoke_and_reinstate_with_an_audit_entry(programme):
    import_workbook(workbook([row(1)]))
    result = import_workbook(workbook([row(1, 证书状态="已撤销")]))
    assert counts(result) == (0, 1, 0)
    certificate = Certificate.objects.get()
    assert certificate.status == "revoked" and certificate.revoked_on == timezone.localdate()
    assert certificate.revocation_reason
    assert ModelLogEntry.objects.filter(
        action="training.revoke", object_id=str(certificate.pk)
    ).exists()

    import_workbook(workbook([row(1, 证书状态="")]))  # empty = 有效
    certificate.refresh_from_db()
    assert certificate.status == "valid" and certificate.revoked_on is None
    assert ModelLogEntry.objects.filter(action="training.reinstate").count() == 1


def test_absent_optional_columns_leave_fields_alone(programme):
    import_workbook(workbook([row(1, 工作单位="烟台琴岛软件有限公司", 考核成绩=77)]))
    headers = ["证书编号", "姓名", "身份证号", "培训项目", "发证日期"]
    result = import_workbook(workbook([row(1)], headers=headers))
    assert counts(result) == (0, 0, 1)
    certificate = Certificate.objects.get()
    assert (certificate.employer, str(certificate.score)) == ("烟台琴岛软件有限公司", "77.0")


def test_only_certificate_officers_may_import_certificates(programme, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="编辑"))
    result = import_workbook(workbook([row(1)]), user=editor)
    assert not result.ok and "没有导入证书的权限" in result.errors[0].reason
    officer = django_user_model.objects.create_user("officer", password="x")
    officer.groups.add(Group.objects.get(name="证书管理"))
    assert import_workbook(workbook([row(1)]), user=officer).ok


def test_the_command_imports_the_sample_sheet(home, tmp_path, capsys):
    if not SAMPLE.exists():
        pytest.skip("sample workbook not found")
    book = openpyxl.load_workbook(SAMPLE)
    for name in book.sheetnames:
        if name != "证书":
            book.remove(book[name])
    path = tmp_path / "certificates.xlsx"
    book.save(path)
    call_command("import_workbook", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert "证书：新建 20，更新 0，未变 0" in out
    assert Certificate.objects.count() == 20
    assert Certificate.objects.filter(status="revoked").count() == 2
    assert set(
        ProgrammePage.objects.filter(locale__language_code="zh-hans").values_list(
            "title", flat=True
        )
    ) == {"工业互联网应用实践", "数字化解决方案设计实践", "数据分析应用实践"}
    for value in book["证书"].iter_cols(min_col=3, max_col=3, values_only=True):
        for number in value[1:]:
            assert number not in out


def upload(content: bytes, name: str = "certificates.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@pytest.fixture
def officer_client(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_user("officer", password="x")
    user.groups.add(Group.objects.get(name="证书管理"))
    client.force_login(user)
    return client


def test_officers_import_through_their_upload_page(officer_client, programme):
    page = officer_client.get("/admin/training/import/")
    assert page.status_code == 200 and "导入证书" in page.content.decode()
    preview = officer_client.post("/admin/training/import/", {"file": upload(workbook([row(1)]))})
    html = preview.content.decode()
    assert re.search(r"<th scope=\"row\">证书</th>\s*<td>1</td>", html), html
    assert not Certificate.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    done = officer_client.post("/admin/training/import/confirm/", {"token": token})
    assert done.status_code == 200
    assert Certificate.objects.filter(number="SDSZ2025000001").exists()


# 服務商: the import reads a sheet named in traditional characters as the template's.
@pytest.mark.parametrize("sheet", ["服务商", "服務商", "　服务商 "])
def test_the_officers_page_refuses_other_sheets(officer_client, programme, sheet):
    book = openpyxl.load_workbook(io.BytesIO(workbook([row(1)])))
    book.create_sheet(sheet).append(["服务商名称"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = officer_client.post("/admin/training/import/", {"file": upload(buffer.getvalue())})
    assert "此处只导入“证书”工作表" in response.content.decode()
    assert not Certificate.objects.exists()


def test_editors_cannot_use_the_officers_page(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    assert client.get("/admin/training/import/").status_code in (302, 403)
