"""No page, API response, export or log line carries a full ID number (DESIGN.md §4).

The certificates are made from the ID numbers in ``conftest.ID_NUMBERS``; every response of the
public site, the API and the admin, every export, the import report and every log record
written meanwhile (all loggers, DEBUG and up, SQL included) are scanned for each of them.
"""

import base64
import io
import logging
import re
import zlib

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from catalogue.workbook import import_workbook
from tests.training.conftest import ID_NUMBERS
from training import services
from training.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(data: bytes) -> str:
    """The text drawn in a ReportLab PDF: its content streams decoded (ASCII85 + Flate), and each
    string read in the encoding of the font it is drawn with (UTF-16 for the CID font, Latin-1
    for Helvetica)."""
    cid_fonts = set(re.findall(rb"/Name /(F\d+) /Subtype /Type0", data))
    texts = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = match.group(1).strip()
        try:
            stream = zlib.decompress(base64.a85decode(raw.removesuffix(b"~>"), adobe=False))
        except Exception:  # noqa: S112 - not every stream is a content stream
            continue
        font = None
        for token in re.finditer(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", stream, re.S):
            if token[1]:
                font = token[1]
                continue
            unescaped = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: bytes([int(m[1], 8)]) if m[1][:1].isdigit() else m[1],
                token[2],
                flags=re.S,
            )
            texts.append(unescaped.decode("utf-16-be" if font in cid_fonts else "latin-1"))
    return "\n".join(texts)


def assert_clean(label: str, content: bytes | str) -> None:
    text = content if isinstance(content, str) else content.decode("utf-8", "replace")
    for number in ID_NUMBERS:
        assert number not in text, f"{label} contains the ID number {number}"
        assert number.lower() not in text.lower(), label


@pytest.fixture
def certificates(programme):
    made = [
        CertificateFactory(programme=programme, id_number=number, holder_name=f"测试{n}")
        for n, number in enumerate(ID_NUMBERS[:8])
    ]
    services.revoke(made[1], reason="核查不实")
    return made


@override_settings(LOGGING_CONFIG=None)
def test_nothing_anywhere_carries_a_full_id_number(
    client, admin_client, certificates, programme, training_index, caplog, tmp_path
):
    caplog.set_level(logging.DEBUG)
    first = certificates[0]
    outputs = {}

    # Public pages and the API
    for url in (
        "/",
        training_index.url,
        programme.url,
        "/en" + programme.url,
        "/certificates/",
        f"/certificates/v/{first.token}/",
        f"/certificates/v/{first.token}/print/",
        f"/en/certificates/v/{certificates[1].token}/",
        "/api/v1/openapi.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = body(response)
    pdf = client.get(f"/certificates/v/{first.token}/pdf/").content
    outputs["public pdf"] = pdf_text(pdf)
    for certificate in certificates[:3]:
        outputs[f"lookup {certificate.number}"] = client.post(
            "/certificates/", {"number": certificate.number, "name": certificate.holder_name}
        ).content
        outputs[f"api {certificate.number}"] = client.post(
            "/api/v1/certificates/verify",
            {"number": certificate.number, "name": certificate.holder_name},
            content_type="application/json",
        ).content
    # Someone typing an ID number into the lookup does not see it again.
    outputs["lookup with an id number"] = client.post(
        "/certificates/", {"number": ID_NUMBERS[0], "name": ID_NUMBERS[1]}
    ).content
    outputs["api with an id number"] = client.post(
        "/api/v1/certificates/verify",
        {"number": ID_NUMBERS[0], "name": ID_NUMBERS[1]},
        content_type="application/json",
    ).content

    # Admin pages and exports
    for url in (
        "/admin/certificates/",
        "/admin/certificates/?export=csv",
        "/admin/certificates/?export=xlsx",
        f"/admin/certificates/edit/{first.pk}/",
        f"/admin/certificates/inspect/{first.pk}/",
        f"/admin/certificates/history/{certificates[1].pk}/",
        f"/admin/training/certificates/{first.pk}/print/",
        "/admin/training/talent-pool/",
        "/admin/training/talent-pool/?export=csv",
        "/admin/training/talent-pool/?export=xlsx",
        "/admin/reports/site-history/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        content = body(response)
        if url.endswith("xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
            content = "\n".join(
                str(cell)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for cell in row
            )
        outputs[url] = content
    outputs["admin pdf"] = pdf_text(
        admin_client.get(f"/admin/training/certificates/{first.pk}/pdf/").content
    )
    assert "张" not in outputs["admin pdf"] and "测试0" in outputs["admin pdf"]

    # Issuing with a mistake in the form: the number is not written back.
    outputs["issue form with an error"] = admin_client.post(
        "/admin/certificates/new/",
        {
            "programme": programme.pk,
            "holder_name": "赵六",
            "id_number": ID_NUMBERS[20],
            "score": "10",
            "assessed_on": "2025-01-01",
            "issued_on": "2025-02-01",
        },
    ).content

    # The import: its report (errors included) and the admin's upload page.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "证书"
    sheet.append(["证书编号", "姓名", "身份证号", "培训项目", "发证日期"])
    sheet.append(["SDSZ2025100001", "周杰", ID_NUMBERS[30], programme.title, "2025-05-05"])
    sheet.append(["SDSZ2025100002", "吴敏", ID_NUMBERS[31], programme.title, "2025-13-05"])
    sheet.append(
        ["SDSZ2025100003", "郑爽", ID_NUMBERS[32][:17] + "Y", programme.title, "2025-05-05"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_workbook(buffer.getvalue())
    assert not result.ok
    outputs["import report"] = "\n".join(result.summary_lines())
    upload = SimpleUploadedFile("certificates.xlsx", buffer.getvalue())
    response = admin_client.post("/admin/catalogue/import/", {"file": upload})
    outputs["admin import page"] = response.content

    # And the log records written meanwhile.
    outputs["log"] = "\n".join(
        f"{record.getMessage()} {record.args!r}" for record in caplog.records
    )

    assert len(outputs) > 30
    for label, content in outputs.items():
        assert_clean(label, content)


def test_the_pdf_sets_chinese_in_the_standard_cid_font(client, certificate):
    data = client.get(f"/certificates/v/{certificate.token}/pdf/").content
    assert data.startswith(b"%PDF")
    assert b"/BaseFont /STSong-Light" in data
    assert b"/Encoding /UniGB-UCS2-H" in data and b"/Registry (Adobe)" in data
    text = pdf_text(data)
    assert "实践应用考核结业证书（查验记录）" in text
    assert "张*丰" in text and "张三丰" not in text
    assert "证书状态：有效" in text
    assert f"/certificates/v/{certificate.token}/" in text


def test_the_officers_group_exists_after_migrate():
    assert Group.objects.filter(name="证书管理").exists()
