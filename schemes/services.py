"""Writes to schemes and their documents, gathered for the pages: one named
function per operation, atomic, checking who may do it and validating before
it saves. Each is defined once, in ``schemes/work/services/`` (a scheme's
documents) or ``schemes/coordination/services.py`` (programmes, participations,
invitations, schemes)."""

from schemes.coordination.partners import (
    partner_attach,
    partner_change,
    partner_create,
    partner_detach,
)
from schemes.coordination.processes import (
    phase_create,
    phase_delete,
    phase_move,
    phase_update,
    programme_process_apply,
    programme_process_fill,
)
from schemes.coordination.services import (
    invitation_accept,
    invitation_check,
    invitation_send,
    organisation_create,
    organisation_require_managed,
    organisation_texts_set,
    participation_add,
    programme_association,
    programme_create,
    programme_set_two_factor,
    programme_texts_set,
    scheme_create,
    schemes_create_proposed,
    user_can_create_programmes,
)
from schemes.work.services.action_plans import (
    action_plan_approve,
    action_plan_new_draft,
    action_plan_return,
    action_plan_submit,
    progress_note_add,
    row_create,
    row_delete,
    row_move,
    row_set_status,
    row_update,
)
from schemes.work.services.city_reports import (
    city_report_save,
    review_report_start,
    strategy_start,
)
from schemes.work.services.documents import (
    document_approve,
    document_return,
    document_save,
    document_submit,
    mentor_profile_ensure,
    programme_documents_fill,
    scheme_setup,
)
from schemes.work.services.good_practices import (
    good_practice_create,
    good_practice_criteria_save,
)
from schemes.work.services.history import history_restore
from schemes.work.services.progress import step_mark, step_unmark
from schemes.work.services.scope import scope_agree, scope_save
from schemes.work.services.support_groups import (
    support_group_member_create,
    support_group_member_delete,
    support_group_member_update,
)
from schemes.work.services.visits import (
    visit_create,
    visit_delete,
    visit_move,
    visit_update,
)

__all__ = [
    "phase_create",
    "phase_delete",
    "phase_move",
    "phase_update",
    "programme_process_apply",
    "programme_process_fill",
    "action_plan_approve",
    "action_plan_new_draft",
    "action_plan_return",
    "action_plan_submit",
    "document_approve",
    "good_practice_create",
    "good_practice_criteria_save",
    "history_restore",
    "mentor_profile_ensure",
    "schemes_create_proposed",
    "support_group_member_create",
    "support_group_member_delete",
    "support_group_member_update",
    "invitation_accept",
    "invitation_check",
    "invitation_send",
    "organisation_create",
    "organisation_require_managed",
    "organisation_texts_set",
    "programme_documents_fill",
    "programme_texts_set",
    "programme_set_two_factor",
    "participation_add",
    "partner_attach",
    "partner_change",
    "partner_create",
    "partner_detach",
    "programme_create",
    "programme_association",
    "scheme_create",
    "user_can_create_programmes",
    "document_return",
    "document_save",
    "document_submit",
    "progress_note_add",
    "row_create",
    "row_delete",
    "row_move",
    "row_set_status",
    "row_update",
    "scheme_setup",
    "step_mark",
    "step_unmark",
    "visit_create",
    "visit_delete",
    "visit_move",
    "visit_update",
    "city_report_save",
    "review_report_start",
    "scope_agree",
    "scope_save",
    "strategy_start",
]
