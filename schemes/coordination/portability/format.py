"""The programme file's format, its limits, and the error it raises."""

FORMAT = "incluportal-programme"
VERSION = 1

# The apps whose objects a programme file may hold; anything else in a file
# is refused rather than written.
APPS = ("incluportal", "schemes", "benchmarks", "otp_totp")
# Models that moved between apps, by their labels in older files: the
# self-assessments were the benchmarks app's.
MOVED = {
    f"benchmarks.{name}": f"schemes.{name}"
    for name in ("selfassessment", "rating", "questionanswer")
}

# Fields that files written before held and the models no longer have, by
# model label: read and left out. A scheme's stage is derived from its
# documents now (``schemes.work.progress``); its training, which no document
# shows, travels as a ``StepMark``.
LEGACY_FIELDS = {"schemes.scheme": ("stage",)}

# The primary keys of a collision check go to the database in chunks, below
# every backend's limit of query parameters.
CHUNK = 500

# Powers over the whole site, not the programme's: a file never carries them.
# An export writes them off; an import sets them off whatever the file says
# (the command reports it), so a changed file cannot make anyone an
# administrator. Give such rights again in the admin or with createsuperuser.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser")
PRIVILEGE_LINKS = ("groups", "user_permissions")

# How many invalid objects a refusal names before it stops looking.
ERRORS_SHOWN = 10

# The documents (and their history) whose answers the files written before
# the answers were named call by their template id ("gp_12" for "links"):
# read under today's names.
ANSWER_MODELS = ("needsanalysis", "mentorprofile", "nationalcontext", "goodpractice")


class PortabilityError(ValueError):
    """A file that cannot be imported, or a database it cannot go into.

    The message is translated and says what to do; commands show it as is.
    """
