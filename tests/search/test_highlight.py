"""Snippets with the searched words marked."""

from search.highlight import highlight, missing_terms, where_matched


def test_a_synonym_is_marked_where_the_text_uses_it():
    assert highlight("提供制造执行系统实施", "MES") == "提供<mark>制造执行系统</mark>实施"


def test_a_query_in_traditional_characters_marks_the_simplified_text_and_back():
    assert highlight("建设数字孪生工厂", "數字孿生") == "建设<mark>数字孪生</mark>工厂"
    assert highlight("建設數字孿生工廠", "数字孪生") == "建設<mark>數字孿生</mark>工廠"
    # Where full-width folding changes the text's length (㈱ is three characters folded),
    # the traditional characters are still read as simplified ones.
    assert highlight("㈱數字孿生", "数字孪生") == "㈱<mark>數字孿生</mark>"


def test_a_latin_word_typed_without_hyphens_marks_the_hyphenated_word():
    marked = highlight("企业SD-WAN组网和Wi-Fi 6覆盖", "sdwan wifi")
    assert marked == "企业<mark>SD-WAN</mark>组网和<mark>Wi-Fi</mark> 6覆盖"
    # A dash that NFKC leaves as it is joins as the hyphen does, in the index and here.
    assert highlight("企业SD‐WAN组网", "sdwan") == "企业<mark>SD‐WAN</mark>组网"


def test_a_latin_word_is_not_marked_inside_another():
    # RAG is a synonym of 检索增强生成; "storage" holds the letters, not the word.
    assert "<mark>" not in highlight("storage 存储方案", "检索增强生成")
    assert highlight("ERP2.0升级", "ERP") == "<mark>ERP</mark>2.0升级"


def test_a_number_is_not_marked_inside_another():
    assert "<mark>" not in highlight("支持25G光模块", "5G")


def test_the_snippet_shows_every_word_it_can_before_one_word_twice():
    filler = "公司提供设备管理服务。" * 6
    text = f"数字孪生工厂与数字孪生车间。{filler}总部位于青岛，提供数字孪生平台。"

    snippet = highlight(text, "青岛 数字孪生", length=40)

    assert "<mark>青岛</mark>" in snippet and "<mark>数字孪生</mark>" in snippet


def test_where_a_result_holds_the_words_its_snippet_lacks():
    texts = [
        ("所在地区", "青岛市"),
        ("细分类型", "数据应用服务商、数字孪生服务商"),
        ("服务商简介", "另见数字孪生平台。"),
    ]
    query = "青岛 数字孪生"
    missing = missing_terms("青岛东通可视化科技有限公司 三维可视化。", query)

    assert where_matched(texts, query, missing) == [
        ("细分类型", "数据应用服务商、<mark>数字孪生</mark>服务商")
    ]
    assert missing == set()
    assert missing_terms("青岛的数字孪生工厂", query) == set()


def test_a_word_is_found_elsewhere_in_any_of_its_spellings():
    texts = [("主要功能", "制造执行系统与排产")]

    found = where_matched(texts, "MES", missing_terms("设备点检", "MES"))

    assert found == [("主要功能", "<mark>制造执行系统</mark>与排产")]
