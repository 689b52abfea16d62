"""The lost-save checker of the load run, on made-up saves."""

from tests.load.saves import CONFLICT, SAVED, Save, check, last_candidates


def _save(value, start, end, status=SAVED, doc="needs:1", field="challenges", **read):
    return Save(
        doc=doc, field=field, value=value, start=start, end=end, status=status, **read
    )


def _check(saves, *, stored, history):
    return check(
        saves,
        stored=lambda doc, name: stored[(doc, name)],
        history=lambda doc, name: history[(doc, name)],
    )


def test_saves_one_after_another_pass_when_the_last_one_is_stored():
    saves = [_save("a", 0, 1), _save("b", 2, 3), _save("c", 4, 5)]
    report = _check(
        saves,
        stored={("needs:1", "challenges"): "c"},
        history={("needs:1", "challenges"): {"", "a", "b", "c"}},
    )
    assert report.passed
    assert (report.ok, report.fields_checked, report.conflicts) == (3, 1, 0)


def test_an_earlier_value_stored_last_is_reported_wrong():
    saves = [_save("a", 0, 1), _save("b", 2, 3)]
    report = _check(
        saves,
        stored={("needs:1", "challenges"): "a"},
        history={("needs:1", "challenges"): {"a", "b"}},
    )
    assert not report.passed
    assert report.wrong == [("needs:1", "challenges", "a", ["b"])]


def test_of_two_overlapping_saves_either_may_be_last():
    # b began before a ended: the database may have committed them in
    # either order.
    saves = [_save("a", 0, 2), _save("b", 1, 3)]
    assert last_candidates(saves) == {"a", "b"}
    for stored in ("a", "b"):
        report = _check(
            saves,
            stored={("needs:1", "challenges"): stored},
            history={("needs:1", "challenges"): {"a", "b"}},
        )
        assert report.passed


def test_a_save_missing_from_the_history_is_lost():
    saves = [_save("a", 0, 1), _save("b", 2, 3)]
    report = _check(
        saves,
        stored={("needs:1", "challenges"): "b"},
        history={("needs:1", "challenges"): {"b"}},
    )
    assert [s.value for s in report.lost] == ["a"]
    assert not report.passed


def test_refused_and_failed_saves_are_not_expected_in_the_database():
    saves = [
        _save("a", 0, 1),
        _save("refused", 2, 3, status=CONFLICT),
        _save("broken", 4, 5, status=500),
    ]
    report = _check(
        saves,
        stored={("needs:1", "challenges"): "a"},
        history={("needs:1", "challenges"): {"a"}},
    )
    assert report.passed
    assert (report.ok, report.conflicts) == (1, 1)


def test_each_field_of_each_document_is_checked_on_its_own():
    saves = [
        _save("a", 0, 1, doc="needs:1", field="challenges"),
        _save("b", 0, 1, doc="needs:1", field="cross_cutting_topics"),
        _save("c", 0, 1, doc="row:7", field="action"),
    ]
    stored = {("needs:1", "challenges"): "a", ("needs:1", "cross_cutting_topics"): "b"}
    stored[("row:7", "action")] = "old"
    report = _check(
        saves, stored=stored, history={key: {"a", "b", "c"} for key in stored}
    )
    assert report.fields_checked == 3
    assert report.wrong == [("row:7", "action", "old", ["c"])]


def _read(value, start, end, seen, read_start, read_end):
    return _save(value, start, end, seen=seen, read_start=read_start, read_end=read_end)


def _stale(saves):
    values = {s.value for s in saves}
    return _check(
        saves,
        stored={("needs:1", "challenges"): saves[-1].value},
        history={("needs:1", "challenges"): values},
    )


def test_a_page_read_after_a_save_that_does_not_show_it_is_stale():
    report = _stale([_read("a", 0, 1, True, 1, 2), _read("b", 3, 4, False, 4, 5)])
    assert report.reads == 2
    assert [s.value for s in report.stale] == ["b"]
    assert not report.passed


def test_a_page_that_another_save_may_have_replaced_is_not_stale():
    # b was saved while a's page was being read: a's value may be gone.
    report = _stale([_read("a", 0, 1, False, 1, 3), _read("b", 2, 2.5, True, 2.5, 4)])
    assert report.stale == []
    assert report.passed


def test_saves_without_a_read_are_not_counted_as_reads():
    report = _stale([_save("a", 0, 1), _read("b", 2, 3, True, 3, 4)])
    assert report.reads == 1
    assert report.passed
