"""Demo data for training (``manage.py load_demo_data``, ORDER 30): the 人才培训 page
(``/training/``), three programmes and about 2,000 certificates issued over 2025–2026, a few
of them revoked.

Everything is planned from ``rng`` before the database is read (fixed dates, no ``today``), then
written by natural keys: pages by slug, certificates by number. Certificates are written with
``bulk_create`` / ``bulk_update`` and only when they differ from the plan, so a second run
changes nothing. ID numbers are synthetic (``portal.identifiers.make_id_number``) and, as
everywhere, only their hash and masked form are stored.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils import timezone

from portal.identifiers import make_id_number
from portal.models import HomePage

from .models import Area, Certificate, ProgrammeModule, ProgrammePage, TrainingIndexPage
from .personal import id_fingerprint
from .services import expiry_for

ORDER = 30

PEOPLE = 1_750
REPEAT_HOLDERS = 260  # people who also passed a second programme
REVOKED = 7
YEARS = (2025, 2026)
LAST_DAY = datetime.date(2026, 11, 20)  # the demo's "today" is late November 2026
REVOKED_AFTER = datetime.timedelta(days=90)

INDEX = {
    "slug": "training",
    "title": "人才培训",
    "intro": (
        "面向资源池服务商技术和业务人员的数字技能人才培训：围绕需求分析、方案设计、技术应用和服务实施"
        "四个方向开展实践培训，考核合格者获得实践应用考核结业证书，并进入全省数字技能人才培育库。"
    ),
}

PROGRAMMES = [
    {
        "slug": "solution-design",
        "title": "数字化解决方案设计实践",
        "intro": "面向解决方案设计师：从企业诊断到方案设计、评审与交付的完整实践。",
        "hours": 64,
        "pass_mark": Decimal("60"),
        "validity_years": None,
        "cohorts": (3, 6, 9, 11),
        "share": 0.40,
        "schedule": "<p>每年 3 月、6 月、9 月、11 月各开班一期，每期 8 天"
        "（集中授课 5 天，企业现场实践 3 天），地点在济南、青岛轮换。</p>",
        "assessment": "<p>实践应用考核：提交一份真实企业的数字化诊断报告和解决方案，"
        "由专家评价委员会答辩评审，"
        "满分 100 分，60 分合格。</p>",
        "enrolment": "<p>由资源池服务商统一报名，每期每家服务商不超过 3 人。"
        "报名时提交学员名单和在职证明，"
        "开班前两周公布录取名单。</p>",
        "modules": [
            (
                Area.REQUIREMENTS,
                "企业数字化水平诊断",
                "对照评测指标开展现场调研，识别关键业务痛点。",
                12,
            ),
            (
                Area.DESIGN,
                "“小快轻准”解决方案设计",
                "按场景拆解需求，设计分阶段实施路径和投入产出测算。",
                20,
            ),
            (Area.TECHNOLOGY, "工业软件与平台选型", "MES、ERP、SCM 等系统的选型与集成要点。", 16),
            (Area.DELIVERY, "项目实施与成效评估", "实施计划、风险控制、上线验收和成效复盘。", 16),
        ],
    },
    {
        "slug": "industrial-internet",
        "title": "工业互联网应用实践",
        "intro": "设备联网、数据采集与工业互联网平台应用的动手实践。",
        "hours": 48,
        "pass_mark": Decimal("60"),
        "validity_years": 3,
        "cohorts": (4, 8, 10),
        "share": 0.35,
        "schedule": "<p>每年 4 月、8 月、10 月开班，每期 6 天，在省级工业互联网实训基地进行。</p>",
        "assessment": "<p>上机实操考核（70%）加场景方案答辩（30%），总分 60 分及以上合格。"
        "证书有效期 3 年。</p>",
        "enrolment": "<p>服务商在线报名，按报名先后录取，每期 60 人。</p>",
        "modules": [
            (Area.REQUIREMENTS, "生产现场数据需求梳理", "识别设备、工艺和质量数据的采集需求。", 8),
            (Area.TECHNOLOGY, "设备联网与边缘采集", "常见工业协议、网关配置和数据质量。", 16),
            (Area.TECHNOLOGY, "平台应用开发", "基于工业互联网平台的低代码应用搭建。", 14),
            (Area.DELIVERY, "运维与安全", "平台运维、网络与数据安全基线。", 10),
        ],
    },
    {
        "slug": "data-analytics",
        "title": "数据分析应用实践",
        "intro": "经营与生产数据的分析、可视化和数据驱动改进。",
        "hours": 40,
        "pass_mark": Decimal("60"),
        "validity_years": 2,
        "cohorts": (5, 7, 10, 12),
        "share": 0.25,
        "schedule": "<p>每年 5 月、7 月、10 月、12 月开班，每期 5 天，线上线下结合。</p>",
        "assessment": "<p>完成一个企业数据分析课题并提交分析报告，60 分及以上合格。"
        "证书有效期 2 年。</p>",
        "enrolment": "<p>服务商推荐报名，优先录取已承担中小企业数字化转型项目的人员。</p>",
        "modules": [
            (Area.REQUIREMENTS, "分析课题的提出", "从经营目标出发确定指标体系。", 8),
            (Area.TECHNOLOGY, "数据治理与建模", "数据清洗、主数据和指标建模。", 14),
            (Area.DESIGN, "可视化看板设计", "面向管理层和班组的看板设计。", 10),
            (Area.DELIVERY, "数据驱动的持续改进", "建立分析—改进—复盘的闭环。", 8),
        ],
    },
]

SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = list(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志鹏宇浩然博文欣怡子涵梓轩雨萱"
)
COMPOUND_SURNAMES = ["欧阳", "司马", "上官"]
CITIES = [
    "济南",
    "青岛",
    "淄博",
    "烟台",
    "潍坊",
    "济宁",
    "临沂",
    "威海",
    "德州",
    "聊城",
    "滨州",
    "菏泽",
]
FIRMS = [
    "智恒",
    "云策",
    "数研",
    "齐鲁",
    "泰山",
    "黄河",
    "蓝海",
    "鲁信",
    "华工",
    "联创",
    "启明",
    "汇智",
]
SUFFIXES = [
    "数字科技有限公司",
    "信息技术有限公司",
    "软件股份有限公司",
    "工业互联网有限公司",
    "咨询有限公司",
]
REGIONS = ["370102", "370202", "370303", "370602", "370702", "370811", "371302", "371002", "371402"]
REVOCATION_REASONS = [
    "经核查，考核材料存在抄袭，撤销证书",
    "持证人信息与本人不符，经核查撤销",
    "考核中存在替考行为，撤销证书",
]


@dataclass
class CertificatePlan:
    number: str
    holder_name: str
    id_number: str
    employer: str
    programme: str  # slug
    score: Decimal
    assessed_on: datetime.date
    issued_on: datetime.date
    revoked: str = ""  # reason


def plan(rng: random.Random) -> list[CertificatePlan]:
    people = []
    used_ids = set()
    for n in range(PEOPLE):
        surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.02 else rng.choice(SURNAMES)
        name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        while True:
            birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randrange(30 * 365))
            id_number = make_id_number(
                rng.randrange(1000), birth.strftime("%Y%m%d"), rng.choice(REGIONS)
            )
            if id_number not in used_ids:
                used_ids.add(id_number)
                break
        employer = rng.choice(CITIES) + rng.choice(FIRMS) + rng.choice(SUFFIXES)
        people.append((name, id_number, employer, n))

    # Each person passes one programme; some pass a second one later.
    enrolments = [(person, _pick_programme(rng, exclude=None)) for person in people]
    for person in rng.sample(people, REPEAT_HOLDERS):
        first = next(slug for p, slug in enrolments if p is person)
        enrolments.append((person, _pick_programme(rng, exclude=first)))

    dated = []
    for person, slug in enrolments:
        spec = next(p for p in PROGRAMMES if p["slug"] == slug)
        year = rng.choice(YEARS)
        month = rng.choice(spec["cohorts"])
        assessed = datetime.date(year, month, rng.randint(10, 25))
        issued = assessed + datetime.timedelta(days=rng.randint(14, 30))
        if issued > LAST_DAY:
            assessed = datetime.date(2025, month, assessed.day)
            issued = assessed + datetime.timedelta(days=rng.randint(14, 30))
        score = Decimal(rng.randint(600, 990)) / 10
        dated.append((issued, assessed, person, slug, score))
    dated.sort(key=lambda item: (item[0], item[3], item[2][3]))

    plans, serials = [], Counter()
    for issued, assessed, (name, id_number, employer, _n), slug, score in dated:
        serials[issued.year] += 1
        plans.append(
            CertificatePlan(
                number=f"SDSZ{issued.year}{serials[issued.year]:06d}",
                holder_name=name,
                id_number=id_number,
                employer=employer,
                programme=slug,
                score=score,
                assessed_on=assessed,
                issued_on=issued,
            )
        )
    # Revoked some months after issue, and before the demo's "today".
    revocable = [p for p in plans if p.issued_on <= LAST_DAY - REVOKED_AFTER]
    for certificate in rng.sample(revocable, REVOKED):
        certificate.revoked = rng.choice(REVOCATION_REASONS)
    return plans


def _pick_programme(rng: random.Random, *, exclude: str | None) -> str:
    choices = [p for p in PROGRAMMES if p["slug"] != exclude]
    return rng.choices([p["slug"] for p in choices], weights=[p["share"] for p in choices])[0]


def generate(*, rng: random.Random, stdout) -> dict[str, int]:
    counts: Counter[str] = Counter()
    certificates = plan(rng)
    home = HomePage.objects.filter(locale__language_code="zh-hans").order_by("path").first()
    if home is None:
        raise CommandError("The Chinese home page is missing: run migrate first.")

    index, outcome = _sync_page(
        home, TrainingIndexPage, INDEX["slug"], {k: INDEX[k] for k in ("title", "intro")}
    )
    counts[f"pages {outcome}"] += 1
    programmes = {}
    for spec in PROGRAMMES:
        fields = {
            k: spec[k]
            for k in (
                "title",
                "intro",
                "hours",
                "pass_mark",
                "validity_years",
                "schedule",
                "assessment",
                "enrolment",
            )
        }
        modules = [
            {"area": str(area), "title": title, "description": text, "hours": hours}
            for area, title, text, hours in spec["modules"]
        ]
        page, outcome = _sync_page(index, ProgrammePage, spec["slug"], fields, modules=modules)
        programmes[spec["slug"]] = page
        counts[f"pages {outcome}"] += 1

    outcome = _sync_certificates(certificates, programmes)
    counts.update(outcome)
    stdout.write(
        "  certificates: {created} created, {updated} updated, {unchanged} unchanged".format(
            created=outcome["certificates created"],
            updated=outcome["certificates updated"],
            unchanged=outcome["certificates unchanged"],
        )
    )
    return {
        key: counts[key]
        for key in (
            "pages created",
            "pages updated",
            "pages unchanged",
            "certificates created",
            "certificates updated",
            "certificates unchanged",
            "certificates revoked",
        )
    }


def _sync_page(parent, model, slug: str, fields: dict, *, modules=None):
    """Find the page by slug under its parent; create or update it and publish when it is new
    or differs from the plan. Returns (page, created|updated|unchanged)."""
    existing = parent.get_children().filter(slug=slug).first()
    fields = {**fields, "show_in_menus": model is TrainingIndexPage}
    if existing is None:
        page = model(live=False, slug=slug, **fields)
        if modules is not None:
            page.modules = [ProgrammeModule(sort_order=i, **row) for i, row in enumerate(modules)]
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
        return page, "created"
    page = existing.specific
    if not isinstance(page, model):
        raise CommandError(f"{existing.url_path} exists but is not a {model.__name__}.")
    same = (
        page.live
        and not page.has_unpublished_changes
        and all(getattr(page, k) == v for k, v in fields.items())
    )
    if same and modules is not None:
        current = list(
            page.modules.order_by("sort_order", "pk").values(
                "area", "title", "description", "hours"
            )
        )
        same = current == modules
    if same:
        return page, "unchanged"
    for k, v in fields.items():
        setattr(page, k, v)
    if modules is not None:
        page.modules = [ProgrammeModule(sort_order=i, **row) for i, row in enumerate(modules)]
    page.save_revision(clean=False).publish()
    return page, "updated"


COMPARED = ("holder_name", "id_hash", "id_masked", "employer", "programme_id", "score")
COMPARED += ("assessed_on", "issued_on", "expires_on", "status", "revoked_on", "revocation_reason")


def _sync_certificates(plans: list[CertificatePlan], programmes: dict) -> Counter:
    counts: Counter[str] = Counter()
    existing = {
        c.number: c for c in Certificate.objects.filter(number__in=[p.number for p in plans])
    }
    now = timezone.now()
    new, changed = [], []
    for item in plans:
        programme = programmes[item.programme]
        fingerprint = id_fingerprint(item.id_number)  # the number itself goes no further
        wanted = {
            "holder_name": item.holder_name,
            "id_hash": fingerprint.hash,
            "id_masked": fingerprint.masked,
            "employer": item.employer,
            "programme_id": programme.pk,
            "score": item.score,
            "assessed_on": item.assessed_on,
            "issued_on": item.issued_on,
            "expires_on": expiry_for(programme, item.issued_on),
            "status": Certificate.Status.REVOKED if item.revoked else Certificate.Status.VALID,
            "revoked_on": item.issued_on + REVOKED_AFTER if item.revoked else None,
            "revocation_reason": item.revoked,
        }
        if item.revoked:
            counts["certificates revoked"] += 1
        certificate = existing.get(item.number)
        if certificate is None:
            new.append(Certificate(number=item.number, created_at=now, updated_at=now, **wanted))
            continue
        if any(getattr(certificate, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(certificate, k, v)
            certificate.updated_at = now
            changed.append(certificate)
    Certificate.objects.bulk_create(new, batch_size=500)
    Certificate.objects.bulk_update(
        changed, [*[f.removesuffix("_id") for f in COMPARED], "updated_at"], batch_size=500
    )
    counts["certificates created"] = len(new)
    counts["certificates updated"] = len(changed)
    counts["certificates unchanged"] = len(plans) - len(new) - len(changed)
    return counts
