"""The PDFs and dossier sections of the scope, the review report and the
strategy. Each shows the reader only what the pages would show them."""

from django.utils.translation import gettext as _

from incluportal.pdf import render_pdf
from schemes import access


def _scope_context(user, scope):
    return {
        "scope": scope,
        "scope_readable": access.can_read(user, scope),
    }


def scope_pdf(user, scope):
    pdf = render_pdf(
        "pdf/document.html",
        {
            **_scope_context(user, scope),
            "body_template": "pdf/_scope_body.html",
            "title": f"{_('Scope')} — {scope.scheme}",
        },
    )
    return pdf, ["scope", scope.scheme.slug]


def scope_dossier(user, scheme):
    """The dossier's scope section."""
    scope = getattr(scheme, "scope", None)
    if scope is None:
        return []
    return [{**_scope_context(user, scope), "contents": _("Scope")}]


def _report_context(user, document):
    return {
        "report": document,
        "report_title": document._meta.verbose_name,
        "report_readable": access.can_read(user, document),
    }


def city_report_pdf(user, document):
    """The review report's or the strategy's PDF."""
    pdf = render_pdf(
        "pdf/document.html",
        {
            **_report_context(user, document),
            "body_template": "pdf/_city_report_body.html",
            "title": str(document),
        },
    )
    return pdf, [document.URL_NAME.replace("_", "-"), document.scheme.mentee_city.slug]


def _dossier(user, scheme, name, contents):
    document = getattr(scheme, name, None)
    if document is None:
        return []  # not started: the scheme's process may not ask for it
    return [{**_report_context(user, document), "contents": contents}]


def review_report_dossier(user, scheme):
    return _dossier(user, scheme, "review_report", _("Intercultural review report"))


def strategy_dossier(user, scheme):
    return _dossier(user, scheme, "strategy", _("Strategy"))
