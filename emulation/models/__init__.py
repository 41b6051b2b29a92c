"""The emulation year's models, one module per concern."""

from .clusters import ClusterKind, ClusterMembership, EmulationCluster
from .initiatives import Initiative, InitiativeAttachment, InitiativeAuthor, InitiativeScope, InitiativeStatus
from .nominations import (
    AwardRecord,
    EligibilityRule,
    Nomination,
    NominationRound,
    NominationStatus,
    RoundStatus,
)
from .registrations import (
    EmulationRegistration,
    EmulationYear,
    RegistrationReminder,
    RegistrationStatus,
    RegistrationTarget,
)

__all__ = [
    "AwardRecord",
    "ClusterKind",
    "ClusterMembership",
    "EligibilityRule",
    "EmulationCluster",
    "EmulationRegistration",
    "EmulationYear",
    "Initiative",
    "InitiativeAttachment",
    "InitiativeAuthor",
    "InitiativeScope",
    "InitiativeStatus",
    "Nomination",
    "NominationRound",
    "NominationStatus",
    "RegistrationReminder",
    "RegistrationStatus",
    "RegistrationTarget",
    "RoundStatus",
]
