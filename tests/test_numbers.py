"""extractors.numbers: digits in three systems, separators, number words, ordinals, fractions (issue 4)."""

import pytest

from extractors.numbers import (
    PERSIAN_ORDINALS,
    find_numbers,
    fraction_value,
    ordinal_value,
    parse_digits,
    parse_number,
    words_to_number,
)

DIGITS = [
    # the separators of the issue
    ("77،18", 77.18),  # Arabic comma before two digits: decimal
    ("11،734،642", 11734642),  # groups of exactly three: thousands
    ("14،538", 14538),
    ("5،8", 5.8),
    ("۶۸٫۰۶", 68.06),  # U+066B decimal
    ("۱۲٬۳۴۵", 12345),  # U+066C thousands
    ("۱۲٬۳۴۵٫۵", 12345.5),
    ("6,163,516", 6163516),
    ("6,163,516.25", 6163516.25),
    ("90.01", 90.01),
    ("1.234.567", 1234567),
    ("۹۹/۵", 99.5),  # slash as a Persian decimal point
    # digit systems
    ("۷۷٫۱۸", 77.18),
    ("٧٧٫١٨", 77.18),
    ("۱۱،۷۳۴،۶۴۲", 11734642),
    ("2022", 2022),
    ("۰", 0),
]


@pytest.mark.parametrize("text,value", DIGITS)
def test_parse_digits(text, value):
    assert parse_digits(text) == pytest.approx(value)
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["09/10/1403", "1401/03/15", "1.2.3", "17.09.2022", "", "abc", "12a"])
def test_not_one_number(text):
    assert parse_digits(text) is None


def test_comma_before_four_digits_is_a_list():
    assert [n.value for n in find_numbers("1998،2007")] == [1998, 2007]


def test_english_comma_is_not_a_decimal():
    assert parse_digits("1,5", lang="en") is None
    assert parse_digits("1,5", lang="fa") == pytest.approx(1.5)


def test_slash_is_a_fraction_in_english():
    assert parse_digits("99/5", lang="en") is None
    assert parse_digits("99/5", lang="fa") == pytest.approx(99.5)


WORDS = [
    ("هفت", 7),
    ("سی و سه", 33),
    ("پنجاه و شش", 56),
    ("یازده", 11),
    ("صد و بیست", 120),
    ("دویست و پنج", 205),
    ("دو هزار و بیست و دو", 2022),
    ("یازده میلیون و هفتصد و سی و چهار هزار و ششصد و چهل و دو", 11734642),
    ("seven", 7),
    ("twenty-one", 21),
    ("one hundred and five", 105),
    ("two thousand twenty-two", 2022),
    ("eleven million seven hundred thirty-four thousand six hundred forty-two", 11734642),
]


@pytest.mark.parametrize("text,value", WORDS)
def test_words_to_number(text, value):
    assert words_to_number(text) == value
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["و سه", "سی و", "سه کتاب", "seven books", ""])
def test_words_that_are_not_a_number(text):
    assert words_to_number(text) is None


ORDINALS = [("اول", 1), ("یکم", 1), ("نخستین", 1), ("دوم", 2), ("سوم", 3), ("سومین", 3), ("چهارم", 4),
            ("هفتم", 7), ("بیستمین", 20), ("بیست و یکم", 21), ("third", 3), ("twenty-first", 21), ("21st", 21),
            ("۵ام", 5)]


@pytest.mark.parametrize("text,value", ORDINALS)
def test_ordinals(text, value):
    assert ordinal_value(text) == value


def test_ordinal_table_is_public():
    assert PERSIAN_ORDINALS["چهارم"] == 4 and PERSIAN_ORDINALS["سوم"] == 3 and PERSIAN_ORDINALS["اول"] == 1


FRACTIONS = [("دو سوم", 0.6667), ("سه چهارم", 0.75), ("سه‌چهارم", 0.75), ("یک سوم", 0.3333), ("یک‌سوم", 0.3333),
             ("one-third", 0.3333), ("two-thirds", 0.6667), ("three-quarters", 0.75), ("a quarter", 0.25),
             ("1/3", 0.3333), ("نصف", 0.5)]


@pytest.mark.parametrize("text,value", FRACTIONS)
def test_fractions(text, value):
    assert fraction_value(text) == pytest.approx(value)


def test_percent_signs_are_ignored_by_parse_number():
    for text in ("۶۸٫۰۶٪", "68.06%", "68٫06 درصد", "68.06 per cent", "68.06 percent"):
        assert parse_number(text) == pytest.approx(68.06)


def test_find_numbers_offsets_and_kinds():
    text = "در 5 ژوئن 2022، 77،18 درصد و دو سوم و سی و سه نفر؛ seven-year and one-third; بیست و یکم"
    found = find_numbers(text)
    got = [(text[n.start : n.end], n.value, n.kind) for n in found]
    assert ("5", 5, "digits") in got
    assert ("77،18", 77.18, "digits") in got
    assert ("دو سوم", 0.6667, "fraction") in got
    assert ("سی و سه", 33, "words") in got
    assert ("seven", 7, "words") in got
    assert ("one-third", 0.3333, "fraction") in got
    assert ("بیست و یکم", 21, "ordinal") in got
    for n in found:
        assert text[n.start : n.end] == n.text


def test_find_numbers_skips_dates_and_versions():
    assert find_numbers("09/10/1403 and 1.2.3", words=False) == []
