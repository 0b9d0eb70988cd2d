"""SQLite cursors convert a statement's ``%s`` placeholders to ``?`` once per statement text
(``osteoload/store/sqlite``, issue 19): the same text as Django's own conversion, remembered
for statements that come again, such as the multi-row INSERT of a session's sets."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper
from hypothesis import given
from hypothesis import strategies as st

from osteoload.store.sqlite.base import CursorWrapper, qmark_query

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite backend's own cursor"
)

_PIECES = st.sampled_from(["%s", "%%", "%%s", "%", "s", "?", "'", " ", "a", ",", "(", ")"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_statement_text_is_converted_as_django_converts_it(query: str) -> None:
    django_way = SQLiteCursorWrapper.convert_query(None, query)  # type: ignore[arg-type]
    assert qmark_query(query) == django_way
    assert qmark_query(query) == django_way  # remembered, the same


@pytest.mark.django_db
def test_a_statement_sent_again_is_converted_once() -> None:
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, CursorWrapper)
        statement = "SELECT %s || '%%', %s + 1 -- test_a_statement_sent_again"
        cursor.execute(statement, ["5", 1])
        assert cursor.fetchone() == ("5%", 2)
        misses = qmark_query.cache_info().misses
        hits = qmark_query.cache_info().hits
        cursor.execute(statement, ["7", 2])
        assert cursor.fetchone() == ("7%", 3)
        assert qmark_query.cache_info().misses == misses
        assert qmark_query.cache_info().hits == hits + 1


@pytest.mark.django_db
def test_named_parameters_are_left_to_django() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %(a)s + %(b)s", {"a": 2, "b": 3})
        assert cursor.fetchone() == (5,)
