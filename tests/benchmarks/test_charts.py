import pytest

from benchmarks.charts import Series, radar_svg


def test_the_chart_has_one_axis_per_key_factor_and_one_shape_per_series():
    svg = radar_svg(
        axes=[f"Factor {i}" for i in range(11)],
        series=[
            Series("A", [3] * 11),
            Series("B", [0, 1, 2, 3, None, 1, 2, 3, 0, 1, 2]),
        ],
        title="Chart",
    )
    assert svg.startswith("<svg")
    assert svg.count('class="radar-axis"') == 11
    assert svg.count('class="radar-series"') == 2
    assert svg.count('class="radar-ring"') == 3


def test_labels_are_escaped():
    svg = radar_svg(
        axes=["<b>x</b>", "y", "z"], series=[Series("<i>", [1, 2, 3])], title="<t>"
    )
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert 'data-series="&lt;i&gt;"' in svg


def test_a_full_score_reaches_the_outer_ring():
    svg = radar_svg(axes=["a", "b", "c", "d"], series=[Series("s", [3, 3, 3, 3])])
    outer = svg.split('class="radar-ring" points="')[3].split('"')[0]
    shape = svg.split('class="radar-series" data-series="s" points="')[1].split('"')[0]
    assert outer == shape


def test_fewer_than_three_axes_is_refused():
    with pytest.raises(ValueError):
        radar_svg(axes=["a", "b"], series=[])
