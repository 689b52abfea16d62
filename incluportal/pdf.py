"""PDF rendering: the one module that imports WeasyPrint.

A document is an ordinary Django template rendered to HTML, then laid out by
WeasyPrint with print CSS (``@page``, page counters, repeated table heads).
The URL fetcher serves the project's own static files and nothing else: no
``file:`` paths, no network address, no data URL, whatever the HTML asks for.
"""

import re
import urllib.parse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from incluportal.documents import kind_for_model

# A base URL no real request can reach: every link is resolved against it,
# and only addresses under it (and under STATIC_URL) are served.
BASE_URL = "https://incluportal.invalid/"


class RefusedResource(ValueError):
    """A document asked for something outside the project's static files."""


def _static_path(url):
    """The file of a static URL of the project, or RefusedResource."""
    static_prefix = urllib.parse.urljoin(BASE_URL, settings.STATIC_URL)
    if not url.startswith(static_prefix):
        raise RefusedResource(f"refused: {url[:80]}")
    relative = urllib.parse.unquote(url[len(static_prefix) :].split("?")[0])
    if ".." in relative.split("/") or relative.startswith("/"):
        raise RefusedResource(f"refused: {url[:80]}")
    path = finders.find(relative)
    if not path:
        raise RefusedResource(f"not found: {relative[:80]}")
    return path, relative


def make_fetcher():
    """A WeasyPrint URL fetcher that serves the project's static files only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path, relative = _static_path(url)
            with open(path, "rb") as handle:
                data = handle.read()
            return URLFetcherResponse(url, data, {"Content-Type": _mime_type(relative)})

    return StaticOnlyFetcher()


def _mime_type(name):
    return {
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".woff2": "font/woff2",
        ".ttf": "font/ttf",
    }.get(name[name.rfind(".") :], "application/octet-stream")


def page_counter_css(pattern):
    """A CSS ``content`` value from a translated pattern such as
    "page %(page)s of %(pages)s" (or "%(page)s. lapa no %(pages)s")."""
    parts = re.split(r"(%\((?:page|pages)\)s)", pattern)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out)


def is_draft(document):
    """Whether a document is not final yet: its kind's status pipeline
    (``DocumentKind.transitions``) can still take it somewhere other than back
    to a new draft. Final: an approved annex document or action plan (which
    may only start a new draft), a submitted self-assessment, an agreed scope.
    A kind without a pipeline (a visit) is never a draft."""
    kind = kind_for_model(type(document))
    if kind is None or not kind.transitions:
        return False
    initial = next(iter(kind.transitions))
    onward = kind.transitions.get(getattr(document, "status", None), ())
    return any(status != initial for status in onward)


def _documents(context):
    """The documents a PDF's context prints: its values, and the documents of
    its lists of sections (``selectors.part_section``)."""
    for value in context.values():
        if isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, dict) and item.get("document") is not None:
                    yield item["document"]
        elif value is not None:
            yield value


def prints_a_draft(context):
    """Whether a PDF (or a dossier's section) built from ``context`` prints a
    document not final yet: ``draft`` in the context says so, or else any
    document in it that ``is_draft``."""
    if "draft" in context:
        return bool(context["draft"])
    return any(is_draft(d) for d in _documents(context))


def render_html(template_name, context):
    """The document's HTML. Every page of a document not final yet is marked
    as a draft (``templates/pdf/base.html``, ``prints_a_draft``)."""
    if "draft" not in context:
        context = {**context, "draft": prints_a_draft(context)}
    context = {
        **context,
        "page_counter": page_counter_css(_("page %(page)s of %(pages)s")),
    }
    return render_to_string(template_name, context)


# Every PDF is tagged for assistive technology as PDF/UA-1 asks (EN 301 549,
# clause 10, for public-sector documents): its structure tree (headings,
# lists, tables with their header cells) comes from the HTML, its language
# from ``<html lang>`` and its title, shown instead of the file name, from
# ``<title>``. On a 30-row action plan tagging cost no more than the noise of
# a busy machine (tagged/untagged medians 0.85 and 1.07 in two runs).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def html_to_pdf(html):
    """Lay out HTML as a tagged PDF with the restricted fetcher."""
    # Imported here: WeasyPrint is heavy and only PDF views need it.
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=make_fetcher()).write_pdf(
        **PDF_OPTIONS
    )


def render_pdf(template_name, context):
    return html_to_pdf(render_html(template_name, context))


def pdf_response(pdf, *name_parts):
    """An attachment named like ``action-plan-jelgava-v3.pdf``."""
    name = "-".join(slugify(str(p)) for p in name_parts if str(p)) or "document"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
