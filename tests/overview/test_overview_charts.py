"""The chart geometry (overview.charts): proportional bars, zero values, a single value, empty
data, stacking, labels that fit a phone, and the data table's numbers."""

import pytest

from overview import charts
from overview.charts import Chart, Row, Series, layout, text_width, wrap

ONE = (Series("数量"),)


def widths(geometry):
    return [sum(segment.width for segment in bar.segments) for bar in geometry.bars]


def test_bar_lengths_are_proportional_to_the_values():
    geometry = layout([Row("甲", (10,)), Row("乙", (5,)), Row("丙", (1,))], ONE)
    assert widths(geometry) == pytest.approx(
        [geometry.bar_area, geometry.bar_area / 2, geometry.bar_area / 10], abs=0.01
    )
    # Every bar starts on the axis and leaves room for its value inside the viewBox.
    for bar in geometry.bars:
        assert bar.segments[0].x == geometry.bar_x
        assert bar.value.x + text_width(bar.value.text) <= geometry.width
    assert [bar.value.text for bar in geometry.bars] == ["10", "5", "1"]


def test_a_zero_value_draws_no_bar_but_shows_zero():
    geometry = layout([Row("甲", (4,)), Row("乙", (0,))], ONE)
    zero = geometry.bars[1]
    assert zero.segments == ()
    assert zero.value.text == "0"
    assert zero.value.x == pytest.approx(geometry.bar_x + charts.VALUE_GAP)


def test_a_single_value_fills_the_bar_area():
    geometry = layout([Row("甲", (7,))], ONE)
    assert len(geometry.bars) == 1
    assert widths(geometry) == pytest.approx([geometry.bar_area])
    assert geometry.height > charts.BAR_HEIGHT


@pytest.mark.parametrize("rows", [[], [Row("甲", (0,)), Row("乙", (0,))]])
def test_nothing_to_draw(rows):
    assert layout(rows, ONE) is None
    chart = Chart("x", "标题", "说明", "类别", ONE, rows)
    assert chart.is_empty


def test_stacked_segments_follow_each_other_and_sum_to_the_total():
    series = (Series("入选", charts.PRIMARY), Series("整改中", charts.ACCENT))
    geometry = layout([Row("2025年", (6, 2)), Row("2026年", (0, 4))], series)
    first, second = geometry.bars
    assert [s.color for s in first.segments] == [charts.PRIMARY, charts.ACCENT]
    assert first.segments[1].x == pytest.approx(first.segments[0].x + first.segments[0].width)
    assert first.segments[0].width == pytest.approx(geometry.bar_area * 6 / 8, abs=0.01)
    assert [s.label for s in first.segments] == ["入选", "整改中"]
    assert [s.value for s in first.segments] == ["6", "2"]
    assert len(second.segments) == 1 and second.segments[0].color == charts.ACCENT
    assert first.value.text == "8"


def test_short_labels_sit_left_of_their_bars():
    geometry = layout([Row("2025年", (1,)), Row("2026年", (2,))], ONE)
    assert geometry.label_anchor == "end"
    assert geometry.bar_x > text_width("2025年")
    for bar in geometry.bars:
        (line,) = bar.label_lines
        assert line.x < geometry.bar_x
        assert bar.segments[0].y < line.y < bar.segments[0].y + charts.BAR_HEIGHT


def test_long_labels_go_above_their_bars_and_wrap_within_the_width():
    label = "Digital brand design service providers (with a very long English name)"
    geometry = layout([Row("数字化品牌设计服务商", (3,)), Row(label, (1,))], ONE)
    assert geometry.label_anchor == "start"
    chinese, english = geometry.bars
    assert [line.text for line in chinese.label_lines] == ["数字化品牌设计服务商"]
    assert len(english.label_lines) >= 2
    assert " ".join(line.text for line in english.label_lines) == label
    for bar in geometry.bars:
        for line in bar.label_lines:
            assert line.x + text_width(line.text) <= geometry.width
            assert line.y < bar.segments[0].y  # above the bar
    # Rows never overlap.
    assert english.label_lines[0].y > chinese.segments[0].y + charts.BAR_HEIGHT


def test_wrap_breaks_chinese_anywhere_and_latin_at_spaces():
    assert wrap("数字化品牌设计服务商", text_width("数字化品牌")) == ["数字化品牌", "设计服务商"]
    assert wrap("Cloud computing providers", text_width("Cloud computing")) == [
        "Cloud computing",
        "providers",
    ]
    assert "".join(wrap("Supercalifragilistic", 60)) == "Supercalifragilistic"
    assert wrap("", 100) == [""]


def test_text_fits_a_phone():
    """At 360 units wide the chart is drawn about 1:1 on a 360-px phone (less the page's
    gutters): labels stay at least 12 px."""
    phone_content_width = 360 - 2 * 16
    assert charts.FONT_SIZE * phone_content_width / charts.WIDTH >= 12


def test_table_rows_and_totals_are_formatted():
    series = (Series("甲"), Series("乙"))
    chart = Chart("x", "标题", "说明", "年度", series, [Row("2025年", (1200, 34))])
    assert chart.stacked
    assert chart.table_rows == [{"label": "2025年", "values": ["1,200", "34"], "total": "1,234"}]
    assert chart.column_totals == ["1,200", "34"]
    assert chart.grand_total == "1,234"
    assert chart.geometry.bars[0].value.text == "1,234"


def test_rows_must_match_the_series():
    with pytest.raises(ValueError):
        Chart("x", "标题", "说明", "年度", (Series("甲"), Series("乙")), [Row("2025年", (1,))])


def test_geometry_numbers_are_rounded_for_the_svg():
    geometry = layout([Row("甲", (1,)), Row("乙", (3,))], ONE)
    for bar in geometry.bars:
        for segment in bar.segments:
            assert round(segment.width, 2) == segment.width
    assert geometry.view_box == f"0 0 360 {geometry.height}"
