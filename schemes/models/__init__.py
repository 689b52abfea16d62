from schemes.models.organisations import (
    Association,
    City,
    Membership,
    Organisation,
    Partner,
)
from schemes.models.programmes import Participation, Programme
from schemes.models.schemes import Scheme, SchemeStage

__all__ = [
    "Association",
    "City",
    "Membership",
    "Organisation",
    "Participation",
    "Partner",
    "Programme",
    "Scheme",
    "SchemeStage",
]
