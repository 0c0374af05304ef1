from gongkai.core.similarity import bigrams, normalise, similar, similarity


def test_normalise_folds_width_case_and_punctuation() -> None:
    assert normalise("２０２４年 ＡＢｃ，征地。") == "2024年abc征地"


def test_bigrams_of_short_texts() -> None:
    assert bigrams("") == frozenset()
    assert bigrams("。") == frozenset()
    assert bigrams("税") == frozenset({"税"})
    assert bigrams("征地补") == frozenset({"征地", "地补"})


def test_the_same_request_reworded_is_similar() -> None:
    a = "请公开2024年某某村征地补偿安置方案"
    b = "申请公开 2024 年某某村征地补偿安置方案。"
    assert similarity(a, b) > 0.8
    assert similar(a, b)


def test_different_requests_are_not() -> None:
    a = "请公开2024年某某村征地补偿安置方案"
    b = "请公开本局2023年度部门预算和决算"
    assert similarity(a, b) < 0.2
    assert not similar(a, b)
    assert similarity("", a) == 0.0
    assert similarity(a, a) == 1.0


def test_threshold_is_inclusive() -> None:
    a, b = "甲乙丙丁", "甲乙丙戊"  # bigrams: 3 each, 2 shared, 4 in all
    assert similarity(a, b) == 0.5
    assert similar(a, b, 0.5)
    assert not similar(a, b, 0.51)
