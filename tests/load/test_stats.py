"""The load run's figures: exact percentiles, sign-in apart from the run."""

from tests.load.stats import ALL, EXCEPTION, SIGNED_IN, percentile, summarize, table


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))  # 1..100 ms
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7], 0.95) == 7
    assert percentile([], 0.95) == 0


def _request(name, ms, end, error=None):
    return {"name": name, "ms": ms, "end": end, "error": error}


def test_requests_begun_before_everyone_signed_in_are_reported_apart():
    records = [
        _request("sign-in", 900, 101.0),
        _request("sign-in", 1500, 102.0),
        {"name": SIGNED_IN, "ms": 0, "end": 102.0, "error": None},
        _request("GET home", 100, 102.5),
        _request("GET home", 300, 104.0),
        _request("POST form", 200, 112.0, error="save answered 500"),
        {"name": EXCEPTION, "ms": 0, "end": 105.0, "error": "LookupError()"},
    ]
    summary = summarize(records)
    assert [r.name for r in summary.sign_in] == ["sign-in", ALL]
    assert summary.sign_in[-1].count == 2
    run = {r.name: r for r in summary.run}
    assert run["GET home"].count == 2
    assert run["GET home"].p95 == 300
    assert run[ALL].count == 3
    # From the first request's start (102.4) to the last one's end (112.0).
    assert abs(run[ALL].per_second - 3 / 9.6) < 1e-9
    assert summary.errors == 2  # the failed save and the exception


def test_the_table_has_a_row_per_request_and_the_total():
    summary = summarize([_request("GET home", 120, 1.0), _request("GET home", 80, 2.0)])
    lines = table(summary.run).splitlines()
    assert lines[0].split()[:4] == ["request", "count", "errors", "req/s"]
    assert "p50 ms" in lines[0] and "p95 ms" in lines[0]
    assert lines[2].split()[:3] == ["GET", "home", "2"]
    assert lines[-1].split()[:4] == ["all", "requests", "2", "0"]
