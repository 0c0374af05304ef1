"""Identity numbers: validation by check character, and masking for display (statute.md §2).

- 公民身份号码 (居民身份证), GB 11643-1999: 17 digits (6-digit region, 8-digit birth date, 3-digit
  sequence) and a check character over ISO 7064 MOD 11-2 (``0``–``9`` or ``X``).
- 统一社会信用代码, GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, S, V, Z),
  the last a check character over MOD 31 with fixed weights.

Identity numbers are personal information: store them protected, show them masked
(``mask_id_number``), never print them whole in a list or a log. The applicant's phone, e-mail
and postal address are masked the same way for everyone but the handling agency's own staff
(``mask_phone``, ``mask_email``, ``mask_address``, ``mask_postcode``; the rule of who sees what
is ``cases.access.applicant_contact``).
"""

from __future__ import annotations

import datetime as dt
import re

# -- 公民身份号码 (GB 11643) ------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"  # index: weighted sum mod 11
_ID_SHAPE = re.compile(r"^[1-9][0-9]{16}[0-9X]$")  # ASCII digits only, not any \d


class IdError(ValueError):
    """An identity number that is not valid; the message says why, in Chinese and English."""


def id_number_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if not re.fullmatch(r"[0-9]{17}", first17):
        raise IdError("需要17位数字 / the first 17 characters must be digits")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(value: str) -> str:
    """Upper-case, without spaces; a lower-case x is the same check character."""
    return re.sub(r"\s+", "", value).upper()


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalized 18-character number, or raise ``IdError`` saying what is wrong.

    ``today`` (optional) rejects birth dates in the future; the core never reads the clock.
    """
    number = normalize_id_number(value)
    if re.fullmatch(r"[0-9]{15}", number):
        raise IdError("15位一代身份证号码已停止使用 / 15-digit first-generation numbers are void")
    if len(number) != 18:
        raise IdError(f"应为18位，实为{len(number)}位 / must be 18 characters, got {len(number)}")
    if not _ID_SHAPE.match(number):
        raise IdError("前17位应为数字，末位为数字或X / 17 digits then a digit or X")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdError(f"出生日期{number[6:14]}无效 / invalid birth date {number[6:14]}") from exc
    if born.year < 1880 or (today is not None and born > today):
        raise IdError(f"出生日期{number[6:14]}无效 / invalid birth date {number[6:14]}")
    expected = id_number_check_char(number[:17])
    if number[17] != expected:
        raise IdError(
            f"校验码应为{expected}，实为{number[17]} / check character should be {expected}"
        )
    return number


def is_valid_id_number(value: str) -> bool:
    try:
        validate_id_number(value)
    except IdError:
        return False
    return True


# -- 统一社会信用代码 (GB 32100) --------------------------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CODE_ALPHABET)}
# Position 1: the registering authority (1 机构编制, 5 民政, 9 市场监管, Y 其他 …); position 2: the
# kind of body; positions 3–8: the region code (digits); 9–17: the organisation's own code.
_CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    if len(first17) != 17 or any(c not in _CREDIT_VALUE for c in first17):
        raise IdError("需要17位代码字符 / the first 17 characters must be code characters")
    total = sum(_CREDIT_VALUE[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def validate_credit_code(value: str) -> str:
    """Return the normalized 18-character code, or raise ``IdError`` saying what is wrong."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise IdError(f"应为18位，实为{len(code)}位 / must be 18 characters, got {len(code)}")
    bad = sorted({c for c in code if c not in _CREDIT_VALUE})
    if bad:
        raise IdError(
            f"含有不允许的字符{''.join(bad)}（不使用I、O、S、V、Z）"
            f" / characters not allowed: {''.join(bad)}"
        )
    if not _CREDIT_SHAPE.match(code):
        raise IdError("第3至8位应为行政区划码（数字） / characters 3-8 must be the region digits")
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise IdError(
            f"校验码应为{expected}，实为{code[17]} / check character should be {expected}"
        )
    return code


def is_valid_credit_code(value: str) -> bool:
    try:
        validate_credit_code(value)
    except IdError:
        return False
    return True


# -- masking ---------------------------------------------------------------------------------


def mask(value: str, keep_start: int, keep_end: int, char: str = "*") -> str:
    """Keep the first ``keep_start`` and last ``keep_end`` characters, mask the rest.

    A value too short to keep both ends is masked entirely: better hide too much than too little.
    """
    if len(value) <= keep_start + keep_end:
        return char * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + char * hidden + value[len(value) - keep_end :]


def mask_id_number(value: str) -> str:
    """``330102199001011234`` → ``3301**********1234``: province/city and the last four."""
    return mask(normalize_id_number(value), 4, 4)


def mask_phone(value: str) -> str:
    """``13812341234`` → ``138****1234``: the carrier prefix and the last four."""
    return mask(value, 3, 4)


def mask_email(value: str) -> str:
    """``zhang.san@example.com`` → ``z***@example.com``: the first character and the domain."""
    local, at, domain = value.rpartition("@")
    if not value:
        return ""
    if not at or not local:
        return "***"
    return f"{local[0]}***@{domain}"


# The address up to its city: a province or autonomous region (or SAR), then a city, autonomous
# prefecture, league or prefecture (a municipality such as 北京市 is the city itself). The city's
# name may not contain the signs of a street address, so that nothing finer is ever kept.
_ADDRESS_REGION = re.compile(
    r"^(?:[^\d\s市区县路街道镇乡村号]{2,8}?(?:省|自治区|特别行政区))?"
    r"(?:[^\d\s省区县路街道镇乡村号]{1,10}?(?:市|自治州|盟|地区))?"
)


def mask_address(value: str) -> str:
    """``浙江省温州市瓯海区娄桥街道1号`` → ``浙江省温州市****``: province and city kept, the rest
    (district, street, number) hidden; an address with no recognisable city is hidden whole."""
    value = value.strip()
    if not value:
        return ""
    kept = _ADDRESS_REGION.match(value)
    region = kept.group(0) if kept else ""
    return region + "****" if len(region) < len(value) else region


def mask_postcode(value: str) -> str:
    """``325000`` → ``325***``: the postal area, not the delivery office."""
    return mask(value, 3, 0)
