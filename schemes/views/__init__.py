from schemes.views.documents import (
    document_action,
    mentor_profile,
    mentor_profile_edit,
    needs_analysis,
    needs_analysis_edit,
)
from schemes.views.good_practices import (
    good_practice_create,
    good_practice_criteria,
    good_practice_detail,
    good_practice_edit,
    good_practice_list,
)
from schemes.views.programmes import (
    organisation_detail,
    programme_detail,
    programme_list,
    scheme_detail,
)
from schemes.views.support_groups import (
    support_group,
    support_group_member_delete,
    support_group_member_edit,
)

__all__ = [
    "document_action",
    "good_practice_create",
    "good_practice_criteria",
    "good_practice_detail",
    "good_practice_edit",
    "good_practice_list",
    "mentor_profile",
    "mentor_profile_edit",
    "needs_analysis",
    "needs_analysis_edit",
    "organisation_detail",
    "programme_detail",
    "programme_list",
    "scheme_detail",
    "support_group",
    "support_group_member_delete",
    "support_group_member_edit",
]
