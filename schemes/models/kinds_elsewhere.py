"""Document kinds whose model lives in another app, declared from here.

The self-assessment's model is ``benchmarks.models.SelfAssessment``; its kind
is declared here, the one place in ``schemes`` that knows it, until the model
sits beside the other documents (then this declaration moves after its class).
"""

from benchmarks.models import SelfAssessment
from benchmarks.models.assessments import ASSESSMENT_TRANSITIONS
from incluportal.documents import DocumentKind, register


def _assessment_writers(user, assessment):
    from benchmarks.services import user_can_edit

    return user_can_edit(user, assessment)


# --- The self-assessment (benchmarks.models.SelfAssessment) -------------------
register(
    DocumentKind(
        key="self-assessment",
        model=SelfAssessment,
        author=lambda assessment: assessment.city,
        programme=lambda assessment: assessment.scheme.programme,
        private=lambda assessment: assessment.is_draft,
        writers=_assessment_writers,
        # Submitted is final: nobody reviews a self-assessment.
        transitions=ASSESSMENT_TRANSITIONS,
        history="schemes.history.SelfAssessmentHistory",
        history_rows=("ratings",),
        pdf="benchmarks.pdfs.self_assessment_pdf",
        export="benchmarks:assessment_pdf",
    )
)
