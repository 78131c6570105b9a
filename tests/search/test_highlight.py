"""Snippets with the searched words marked."""

from search.highlight import highlight


def test_a_synonym_is_marked_where_the_text_uses_it():
    assert highlight("提供制造执行系统实施", "MES") == "提供<mark>制造执行系统</mark>实施"


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
