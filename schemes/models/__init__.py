from schemes.models.organisations import (
    Association,
    City,
    Membership,
    Organisation,
    Partner,
)
from schemes.models.programmes import Participation, Programme

__all__ = [
    "Association",
    "City",
    "Membership",
    "Organisation",
    "Participation",
    "Partner",
    "Programme",
]
