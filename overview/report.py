"""The statistics page's content in the visitor's language: summary numbers, the counting
rules and the charts, built from the cached :class:`overview.figures.Figures`.

No database query when the caches are warm: taxonomy names come from
``catalogue.taxonomy.localized_names`` (cached per model and language), programme titles and
everything else from the figures themselves.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from catalogue import taxonomy
from catalogue.models import Category, DeploymentMode, Grade, Region, Status

from . import charts
from .charts import Chart, Row, Series, format_number
from .figures import NO_YEAR, POOL_STATUSES, Figures, cached_figures

STATUS_COLORS = {
    Status.SELECTED: charts.PRIMARY,
    Status.RECTIFYING: charts.ACCENT,
    Status.APPLIED: charts.MUTED,
}
GRADE_COLORS = {
    Grade.EXCELLENT: charts.SUCCESS,
    Grade.QUALIFIED: charts.PRIMARY,
    Grade.UNQUALIFIED: charts.DANGER,
    "": charts.MUTED,
}


def overview_context(language_code: str | None = None) -> dict:
    """``summary``, ``rules``, ``charts`` and ``on`` (the date counted) for the template."""
    return build(cached_figures(), language_code)


def build(figures: Figures, language_code: str | None = None) -> dict:
    language_code = language_code or translation.get_language() or "zh-hans"
    with translation.override(language_code):
        return {
            "on": figures.on,
            "summary": summary(figures),
            "rules": rules(),
            "charts": [
                category_chart(figures, language_code),
                region_chart(figures, language_code),
                year_chart(figures),
                grade_chart(figures),
                deployment_chart(figures),
                case_chart(figures),
                certificate_chart(figures, language_code),
            ],
        }


def summary(figures: Figures) -> list[dict]:
    return [
        {"label": _("在库服务商"), "value": format_number(figures.providers_in_pool)},
        {"label": _("已清退服务商"), "value": format_number(figures.providers_removed)},
        {"label": _("解决方案"), "value": format_number(figures.solutions)},
        {"label": _("典型案例"), "value": format_number(figures.cases)},
        {"label": _("有效证书"), "value": format_number(figures.valid_certificates)},
    ]


def rules() -> list[str]:
    """统计口径, stated on the page."""
    return [
        _("只统计已发布、公开的内容；每家服务商、每项方案和案例只计一次（不分语言版本）。"),
        _(
            "在库服务商：状态为“入选”“整改中”或“申报中”的服务商，与服务商名录默认列出的范围一致；"
            "已清退的服务商不计入各项服务商统计，单独列出其数量。"
        ),
        _("一家服务商可属于多个类别，在每个类别中各计一次，因此类别合计可能大于服务商总数。"),
        _("入选年度按服务商的入选批次统计；评级按最近一次年度评级统计。"),
        _("解决方案：在库服务商已发布的解决方案。典型案例：按案例年度统计。"),
        _("证书：已发布培训项目的证书中，统计当日有效（未撤销、未过期）的证书，按发证年度统计。"),
    ]


def _year_label(year) -> str:
    return _("%(year)s年") % {"year": year}


def category_chart(figures: Figures, language_code: str) -> Chart:
    names = taxonomy.localized_names(Category, language_code)
    rows = [
        Row(names.get(term.key, term.name), (figures.providers_by_category.get(term.id, 0),))
        for term in figures.categories
    ]
    return Chart(
        slug="categories",
        title=_("服务商类别分布"),
        description=_("各服务商类别的在库服务商数量，按类别序号排列。"),
        label_heading=_("服务商类别"),
        series=(Series(_("服务商数量")),),
        rows=rows,
        note=_("一家服务商可属于多个类别，类别合计可能大于服务商总数。"),
    )


def region_chart(figures: Figures, language_code: str) -> Chart:
    names = taxonomy.localized_names(Region, language_code)
    order = {term.id: position for position, term in enumerate(figures.regions)}
    shown = [
        term
        for term in figures.regions
        if figures.providers_by_region.get(term.id, 0) or term.province in ("山东省", "Shandong")
    ]
    shown.sort(key=lambda term: (-figures.providers_by_region.get(term.id, 0), order[term.id]))
    rows = [
        Row(names.get(term.key, term.name), (figures.providers_by_region.get(term.id, 0),))
        for term in shown
    ]
    return Chart(
        slug="regions",
        title=_("服务商地区分布"),
        description=_("各城市的在库服务商数量，从多到少排列；包括山东省16市和省外城市。"),
        label_heading=_("所在地区"),
        series=(Series(_("服务商数量")),),
        rows=rows,
    )


def year_chart(figures: Figures) -> Chart:
    statuses = [
        status
        for status in POOL_STATUSES
        if status == Status.SELECTED
        or any(s == status and n for (_year, s), n in figures.providers_by_year.items())
    ]
    years = sorted({year for year, _status in figures.providers_by_year if year is not NO_YEAR})
    if any(year is NO_YEAR for year, _status in figures.providers_by_year):
        years.append(NO_YEAR)
    rows = [
        Row(
            _year_label(year) if year is not NO_YEAR else _("未注明批次"),
            tuple(figures.providers_by_year.get((year, status), 0) for status in statuses),
        )
        for year in years
    ]
    return Chart(
        slug="years",
        title=_("服务商入选年度"),
        description=_("每年入选的在库服务商数量，按当前状态分段堆叠。"),
        label_heading=_("入选年度"),
        series=tuple(Series(str(Status(s).label), STATUS_COLORS[s]) for s in statuses),
        rows=rows,
    )


def grade_chart(figures: Figures) -> Chart:
    grades = [Grade.EXCELLENT, Grade.QUALIFIED, Grade.UNQUALIFIED]
    if figures.providers_by_grade.get(""):
        grades.append("")
    rows = [
        Row(
            str(Grade(grade).label) if grade else _("未评级"),
            (figures.providers_by_grade.get(grade, 0),),
            GRADE_COLORS[grade],
        )
        for grade in grades
    ]
    return Chart(
        slug="grades",
        title=_("年度评级分布"),
        description=_("在库服务商最近一次年度评级的分布。"),
        label_heading=_("评级"),
        series=(Series(_("服务商数量")),),
        rows=rows,
    )


def deployment_chart(figures: Figures) -> Chart:
    modes = list(DeploymentMode)
    counts = figures.solutions_by_deployment
    rows = [Row(str(mode.label), (counts.get(mode, 0),)) for mode in modes]
    if counts.get(""):
        rows.append(Row(_("未注明"), (counts[""],), charts.MUTED))
    return Chart(
        slug="deployment",
        title=_("解决方案部署方式"),
        description=_("在库服务商已发布的解决方案按部署方式的数量。"),
        label_heading=_("部署方式"),
        series=(Series(_("解决方案数量")),),
        rows=rows,
    )


def case_chart(figures: Figures) -> Chart:
    rows = [Row(_year_label(year), (n,)) for year, n in sorted(figures.cases_by_year.items())]
    return Chart(
        slug="cases",
        title=_("典型案例年度分布"),
        description=_("各年度发布的典型场景案例数量。"),
        label_heading=_("年度"),
        series=(Series(_("案例数量")),),
        rows=rows,
    )


def certificate_chart(figures: Figures, language_code: str) -> Chart:
    order = {key: position for position, key in enumerate(figures.programmes)}  # tree order
    keys = sorted({key for key, _year in figures.certificates}, key=lambda k: order.get(k, 0))
    years = sorted({year for _key, year in figures.certificates})
    series = tuple(
        Series(
            _programme_title(figures, key, language_code),
            charts.PALETTE[i % len(charts.PALETTE)],
        )
        for i, key in enumerate(keys)
    )
    rows = [
        Row(_year_label(year), tuple(figures.certificates.get((key, year), 0) for key in keys))
        for year in years
    ]
    return Chart(
        slug="certificates",
        title=_("有效证书（按培训项目和发证年度）"),
        description=_("每个发证年度目前有效的证书数量，按培训项目分段堆叠。"),
        label_heading=_("发证年度"),
        series=series,
        rows=rows,
    )


def _programme_title(figures: Figures, key: str, language_code: str) -> str:
    titles = figures.programmes.get(key, {})
    return titles.get(language_code) or titles.get("zh-hans") or next(iter(titles.values()), "")
