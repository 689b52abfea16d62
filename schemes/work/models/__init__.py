"""The documents' models (``schemes.models`` gathers them for Django).

Each module declares its kinds of document as it is imported, and the
registry keeps them in that order (``incluportal.documents.kinds()``): the
order of the method, which the scheme dossier's sections and the dashboard's
columns follow. Importing any of these modules runs this first, so the order
below is the order of the kinds, whatever imports them; a new module goes in
its place here.
"""

# isort: off
from schemes.work.models import documents  # noqa: F401
from schemes.work.models import needs  # noqa: F401
from schemes.work.models import mentor_profiles  # noqa: F401
from schemes.work.models import scope  # noqa: F401
from schemes.work.models import good_practices  # noqa: F401
from schemes.work.models import self_assessments  # noqa: F401
from schemes.work.models import support  # noqa: F401
from schemes.work.models import visits  # noqa: F401
from schemes.work.models import action_plans  # noqa: F401
from schemes.work.models import city_reports  # noqa: F401

# isort: on
