"""The bounded memo behind the rebuilt-program caches (osteoload/store/memo.py)."""

from __future__ import annotations

from osteoload.store.memo import Memo


def test_the_least_recently_used_entry_goes_first() -> None:
    memo: Memo[str, int] = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # "a" used now: "b" is the oldest
    assert memo.put("c", 3) == 3
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (1, None, 3, 2)


def test_putting_a_key_again_replaces_its_value_and_clear_empties_it() -> None:
    memo: Memo[str, int] = Memo(3)
    memo.put("a", 1)
    memo.put("a", 2)
    assert (memo.get("a"), len(memo)) == (2, 1)
    memo.clear()
    assert (memo.get("a"), len(memo)) == (None, 0)
