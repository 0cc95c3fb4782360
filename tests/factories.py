"""factory_boy factories writing through the test's session, and the committees built from them."""

from dataclasses import dataclass

import factory
from argon2 import PasswordHasher, profiles
from factory.alchemy import SQLAlchemyModelFactory

from wiki.accounts.models import User
from wiki.committees.models import Committee, Membership
from wiki.extensions import db
from wiki.roles import VOTING_GROUPS, Role, StakeholderGroup

#: every factory-made user's password, for logging in through the real form
PASSWORD = "correct horse battery"

# Hashing once keeps the suite fast: argon2 is deliberately slow.
_PASSWORD_HASH = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD)


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"persona{n}@ejemplo.mx")
    display_name = factory.Sequence(lambda n: f"Persona Núñez {n}")
    password_hash = _PASSWORD_HASH
    stakeholder_group = StakeholderGroup.INDUSTRY
    is_admin = False
    active = True
    # Assertions read English UI text; Spanish is tested explicitly where it matters.
    locale = "en"

    class Params:
        admin = factory.Trait(is_admin=True, stakeholder_group=StakeholderGroup.AGENCY)


class CommitteeFactory(BaseFactory):
    class Meta:
        model = Committee

    slug = factory.Sequence(lambda n: f"comite-{n}")
    name = factory.Sequence(lambda n: f"Comité de Gestión por Competencias {n}")
    sector = "Turismo"
    description = "Comité de prueba."
    consensus_rule = factory.LazyFunction(dict)


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    committee = factory.SubFactory(CommitteeFactory)
    role = Role.MEMBER
    can_vote = True
    stakeholder_group = factory.SelfAttribute("user.stakeholder_group")


def seat(committee, role=Role.MEMBER, group=StakeholderGroup.INDUSTRY, can_vote=None, **user):
    """A new user sitting on the committee; returns the user."""
    person = UserFactory(stakeholder_group=group, **user)
    MembershipFactory(
        user=person,
        committee=committee,
        role=role,
        stakeholder_group=group,
        can_vote=(role is not Role.OBSERVER) if can_vote is None else can_vote,
    )
    return person


def full_committee(**committee_fields):
    """A committee with a chair (industry) and one voting member of every other voting group."""
    committee = CommitteeFactory(**committee_fields)
    people = {"chair": seat(committee, Role.CHAIR, StakeholderGroup.INDUSTRY)}
    for group in VOTING_GROUPS[1:]:
        people[group.value] = seat(committee, Role.MEMBER, group)
    people["observer"] = seat(committee, Role.OBSERVER, StakeholderGroup.EDUCATION)
    return committee, people


@dataclass
class Seats:
    """A committee with a chair (industry), one voter of every other group and an observer, plus
    an admin and an outsider (an account with no seat); ``public`` is a public reader, if asked."""

    committee: object
    chair: object
    union: object
    education: object
    government: object
    observer: object
    admin: object
    outsider: object
    public: object = None

    @property
    def voters(self) -> list:
        return [self.chair, self.union, self.education, self.government]

    def __getitem__(self, key):
        return getattr(self, key)


def seats(*, public: bool = False, **committee_fields) -> Seats:
    """``full_committee()`` with an admin and an outsider (and a public reader when ``public``)."""
    committee, people = full_committee(**committee_fields)
    return Seats(
        committee=committee,
        chair=people["chair"],
        union=people["union"],
        education=people["education"],
        government=people["government"],
        observer=people["observer"],
        admin=UserFactory(admin=True, display_name="Ana Administradora"),
        outsider=UserFactory(display_name="Persona Externa"),
        public=UserFactory(is_public=True, display_name="Ciudadana Pública") if public else None,
    )
