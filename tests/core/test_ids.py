"""Identity numbers: GB 11643 and GB 32100 check characters, masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.ids import (
    CREDIT_CODE_ALPHABET,
    IdError,
    credit_code_check_char,
    id_number_check_char,
    is_valid_credit_code,
    is_valid_id_number,
    mask,
    mask_address,
    mask_email,
    mask_id_number,
    mask_phone,
    mask_postcode,
    validate_credit_code,
    validate_id_number,
)

# The examples printed in GB 11643-1999 itself.
STANDARD_ID_NUMBERS = ["11010519491231002X", "440524188001010014"]
# Published codes of real organisations (a company's licence, a well-known enterprise).
REAL_CREDIT_CODES = ["91350100M000100Y43", "91440300708461136T"]


@pytest.mark.parametrize("number", STANDARD_ID_NUMBERS)
def test_the_standards_own_id_numbers_are_valid(number: str) -> None:
    assert validate_id_number(number) == number


def test_a_lower_case_x_and_spaces_are_normalised() -> None:
    assert validate_id_number(" 110105 19491231 002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验码应为X"),
        ("11010519491231002", "应为18位，实为17位"),
        ("110105491231002", "15位一代身份证号码已停止使用"),
        ("11010519491331002X", "出生日期19491331无效"),
        ("01010519491231002X", "前17位应为数字"),
        ("1101051949123100AX", "前17位应为数字"),
        ("11010518491231002X", "出生日期18491231无效"),
    ],
)
def test_bad_id_numbers_are_refused_with_the_reason(number: str, message: str) -> None:
    with pytest.raises(IdError, match=message):
        validate_id_number(number)
    assert not is_valid_id_number(number)


def test_a_birth_date_after_today_is_refused_when_today_is_given() -> None:
    first17 = "11010520300101001"
    number = first17 + id_number_check_char(first17)
    assert validate_id_number(number) == number
    with pytest.raises(IdError, match="出生日期"):
        validate_id_number(number, today=dt.date(2026, 11, 22))


@given(
    st.from_regex(
        r"[1-9][0-9]{5}(19[5-9][0-9]|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
        fullmatch=True,
    )
)
def test_exactly_one_check_character_makes_an_id_number_valid(first17: str) -> None:
    valid = [c for c in "0123456789X" if is_valid_id_number(first17 + c)]
    assert valid == [id_number_check_char(first17)]


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_are_valid(code: str) -> None:
    assert validate_credit_code(code.lower()) == code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y44", "校验码应为3"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100M000100I43", "不允许的字符I"),
        ("9135010OM000100Y43", "不允许的字符O"),
        ("913501A0M000100Y43", "行政区划码"),
    ],
)
def test_bad_credit_codes_are_refused_with_the_reason(code: str, message: str) -> None:
    with pytest.raises(IdError, match=message):
        validate_credit_code(code)
    assert not is_valid_credit_code(code)


@given(
    st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=9, max_size=9),
)
def test_exactly_one_check_character_makes_a_credit_code_valid(
    head: str, region: str, body: str
) -> None:
    first17 = head + region + body
    valid = [c for c in CREDIT_CODE_ALPHABET if is_valid_credit_code(first17 + c)]
    assert valid == [credit_code_check_char(first17)]


def test_a_single_changed_character_is_always_caught() -> None:
    code = REAL_CREDIT_CODES[0]
    for position in range(18):
        for replacement in CREDIT_CODE_ALPHABET:
            if replacement == code[position] or (2 <= position < 8 and not replacement.isdigit()):
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            assert not is_valid_credit_code(changed), changed


def test_digits_of_other_scripts_are_not_digits() -> None:
    assert not is_valid_id_number("11010519491231002X".replace("4", "\u0664"))
    assert not is_valid_credit_code("91350100M000100Y43".replace("5", "\u0665"))


def test_check_character_helpers_refuse_bad_input() -> None:
    with pytest.raises(IdError):
        id_number_check_char("1234")
    with pytest.raises(IdError):
        credit_code_check_char("I" * 17)


def test_an_id_number_is_masked_to_its_region_and_last_four() -> None:
    assert mask_id_number("330102199001011234") == "3301**********1234"
    assert mask_id_number("11010519491231002x") == "1101**********002X"


def test_masking_a_too_short_value_hides_all_of_it() -> None:
    assert mask("1234567", 4, 4) == "*******"
    assert mask("", 4, 4) == ""
    assert mask("abcdefghij", 2, 3, "#") == "ab#####hij"


def test_a_phone_keeps_its_prefix_and_last_four() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("0577-88881234") == "057******1234"
    assert mask_phone("1234567") == "*******"


def test_an_email_keeps_its_first_character_and_domain() -> None:
    assert mask_email("zhang.san@example.com") == "z***@example.com"
    assert mask_email("z@example.com") == "z***@example.com"
    assert mask_email("no-at-sign") == "***"
    assert mask_email("") == ""


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("浙江省温州市瓯海区娄桥街道1号", "浙江省温州市****"),
        ("北京市朝阳区建国路1号", "北京市****"),
        ("内蒙古自治区呼和浩特市新城区", "内蒙古自治区呼和浩特市****"),
        ("延边朝鲜族自治州延吉市某路", "延边朝鲜族自治州****"),
        ("浙江温州市鹿城区", "浙江温州市****"),
        # No city recognised before the street: nothing finer than the province is kept.
        ("浙江省瓯海区梧田街道市民路3号", "浙江省****"),
        ("瓯海区市府路8号", "****"),
        ("浙江省温州市", "浙江省温州市"),
        ("", ""),
    ],
)
def test_an_address_keeps_its_province_and_city_only(address: str, masked: str) -> None:
    assert mask_address(address) == masked


def test_a_postcode_keeps_its_postal_area() -> None:
    assert mask_postcode("325000") == "325***"
    assert mask_postcode("") == ""
