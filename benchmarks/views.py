from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from benchmarks import selectors
from benchmarks.forms import BenchmarkFilterForm
from benchmarks.models import Benchmark


@login_required
def benchmark_list(request):
    form = BenchmarkFilterForm(request.GET or None)
    benchmarks = (
        Benchmark.objects.current()
        .select_related("theme")
        .annotate(factor_count=Count("key_factors"))
    )
    if form.is_valid():
        if form.cleaned_data["theme"]:
            benchmarks = benchmarks.filter(theme=form.cleaned_data["theme"])
        if form.cleaned_data["kind"]:
            benchmarks = benchmarks.filter(kind=form.cleaned_data["kind"])
    return render(
        request,
        "benchmarks/benchmark_list.html",
        {
            "form": form,
            "benchmarks": benchmarks,
            "can_manage": selectors.user_manages_benchmarks(request.user),
        },
    )


@login_required
def benchmark_detail(request, slug):
    benchmark = get_object_or_404(
        Benchmark.objects.select_related(
            "theme", "programme", "edition_of"
        ).prefetch_related(
            "contextual_factors", "key_factors__questions", "key_factors__examples"
        ),
        slug=slug,
    )
    return render(
        request,
        "benchmarks/benchmark_detail.html",
        {"benchmark": benchmark, "editions": benchmark.editions()},
    )
