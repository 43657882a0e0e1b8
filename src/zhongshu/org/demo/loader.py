"""Loads the demo district through the services (so it is audited like any other
change). Idempotent by natural keys: a unit by its name, a section by unit and name, a
person by unit and name, an account by username; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from zhongshu.accounts.services import ensure_account

from .. import services
from ..choices import SectionKind
from ..models import Delegation, Person, Portfolio, Position, Post, Section, SeriesCode, Unit
from . import data


@dataclass
class Loaded:
    units: dict[str, Unit] = field(default_factory=dict)
    sections: dict[tuple[str, str], Section] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # by username
    created: int = 0


class DemoLoader:
    def __init__(self, *, actor=None):
        self.actor = actor
        # One hash for the one demo password: PBKDF2 costs ~0.3 s, not to be paid per account.
        self._password_hash: str | None = None
        self.done = Loaded()
        self.posts = {p.code: p for p in Post.objects.all()}

    @property
    def password_hash(self) -> str:
        if self._password_hash is None:
            self._password_hash = make_password(data.DEMO_PASSWORD)
        return self._password_hash

    def run(self) -> Loaded:
        with transaction.atomic():
            self.load_units()
            self.load_sections()
            self.load_series_codes()
            self.load_leaders()
            self.load_office_staff()
            self.load_unit_staff()
            self.load_portfolios()
            self.load_delegation()
            self.load_admins()
        return self.done

    # --- organisation ------------------------------------------------------------
    def load_units(self) -> None:
        existing = {u.name: u for u in Unit.objects.filter(archived_at__isnull=True)}
        for code, name, short, kind, parent, host in data.UNITS:
            unit = existing.get(name)
            if unit is None:
                unit = services.create_unit(
                    actor=self.actor,
                    name=name,
                    short_name=short,
                    kind=kind,
                    parent=self.done.units.get(parent) if parent else None,
                    host=self.done.units.get(host) if host else None,
                    sort_order=len(self.done.units) + 1,
                )
                self.done.created += 1
            self.done.units[code] = unit

    def section(self, unit_code: str, name: str, kind: str, order: int) -> Section:
        unit = self.done.units[unit_code]
        section = Section.objects.filter(unit=unit, name=name, archived_at__isnull=True).first()
        if section is None:
            section = services.create_section(
                actor=self.actor, unit=unit, name=name, kind=kind, sort_order=order
            )
            self.done.created += 1
        self.done.sections[unit_code, name] = section
        return section

    def load_sections(self) -> None:
        for order, (code, name, kind) in enumerate(data.OFFICE_SECTIONS, start=1):
            self.done.sections["office", code] = self.section("office", name, kind, order)
        for code in self.staffed_units():
            self.section(code, data.UNIT_OFFICE_SECTION, SectionKind.GENERAL, 1)

    def load_series_codes(self) -> None:
        known = set(SeriesCode.objects.values_list("code", flat=True))
        for unit_code, code, kind, description in data.SERIES_CODES:
            if code not in known:
                services.create_series_code(
                    actor=self.actor,
                    unit=self.done.units[unit_code],
                    code=code,
                    kind=kind,
                    description=description,
                )
                self.done.created += 1

    @staticmethod
    def staffed_units() -> list[str]:
        return [c for c, *_ in data.DEPARTMENTS] + [c for c, _ in data.SUBDISTRICTS]

    # --- people ------------------------------------------------------------------
    def person(
        self,
        username: str,
        name: str,
        unit_code: str,
        post_codes: tuple[str, ...],
        roles: tuple[str, ...],
        section: Section | None = None,
        order: int = 100,
    ) -> Person:
        unit = self.done.units[unit_code]
        person = Person.objects.filter(unit=unit, name=name, archived_at__isnull=True).first()
        if person is None:
            person = services.create_person(
                actor=self.actor,
                name=name,
                unit=unit,
                section=section,
                sort_order=order,
                office_phone=f"6688{len(self.done.people) + 1:04d}",
            )
            self.done.created += 1
        for index, code in enumerate(post_codes):
            post = self.posts[code]
            held = Position.objects.active().filter(person=person, post=post, unit=unit)
            if not held.exists():
                services.assign_position(
                    actor=self.actor,
                    person=person,
                    post=post,
                    unit=unit,
                    section=section,
                    is_primary=index == 0,
                    started_on=dt.date(2024, 1, 1),
                )
        ensure_account(
            actor=self.actor,
            username=username,
            password=data.DEMO_PASSWORD,
            password_hash=self.password_hash,
            person=person,
            roles=roles,
        )
        self.done.people[username] = person
        return person

    def load_leaders(self) -> None:
        for order, (username, name, post, unit, roles) in enumerate(data.LEADERS, start=1):
            self.person(username, name, unit, (post,), roles, order=order)

    def load_office_staff(self) -> None:
        for code, names in data.SECTION_PEOPLE.items():
            section = self.done.sections["office", code]
            for index, name in enumerate(names):
                username = data.SPECIAL_USERNAMES.get((code, index)) or f"{code}_{index}"
                if index == 0:
                    posts: tuple[str, ...] = ("section_chief",)
                else:
                    posts = (data.SECTION_STAFF_POST.get(code, "staff"),)
                roles = ("office_staff", *data.SECTION_ROLES.get(code, ()))
                roles += data.EXTRA_ROLES.get(username, ())
                self.person(username, name, "office", posts, roles, section, order=20 + index)

    def load_unit_staff(self) -> None:
        codes = self.staffed_units()
        # Names depend on the data only (never on the database), so a rerun finds them.
        taken = {n for names in data.SECTION_PEOPLE.values() for n in names}
        taken |= {leader[1] for leader in data.LEADERS}
        names = iter(data.demo_names(len(codes) * 3, taken))
        for code in codes:
            office = self.done.sections[code, data.UNIT_OFFICE_SECTION]
            principal, liaison, informer = next(names), next(names), next(names)
            if code in data.TWIN_UNITS:
                informer = data.TWIN_NAME
            posts, roles = ("unit_principal",), ("department_principal",)
            self.person(f"{code}_fzr", principal, code, posts, roles, order=1)
            posts, roles = ("liaison",), ("department_liaison",)
            self.person(f"{code}_lly", liaison, code, posts, roles, office, 2)
            posts = roles = ("information_officer",)
            self.person(f"{code}_xxy", informer, code, posts, roles, office, 3)

    # --- portfolios, a delegation, the administrators --------------------------------
    def load_portfolios(self) -> None:
        for username, kind, fields, unit_codes, section_codes in data.PORTFOLIOS:
            leader = self.done.people[username]
            if Portfolio.objects.active().filter(leader=leader, kind=kind).exists():
                continue
            services.create_portfolio(
                actor=self.actor,
                leader=leader,
                kind=kind,
                fields=fields,
                units=[self.done.units[c] for c in unit_codes],
                sections=[self.done.sections["office", c] for c in section_codes],
                started_on=dt.date(2024, 1, 1),
            )
            self.done.created += 1

    def load_delegation(self) -> None:
        """The district head away on a study tour: the executive deputy head acts for him."""
        head, deputy = self.done.people["quzhang"], self.done.people["changwu"]
        if Delegation.objects.filter(delegator=head, delegate=deputy).exists():
            return
        now = timezone.now()
        services.create_delegation(
            actor=self.actor,
            delegator=head,
            delegate=deputy,
            starts_at=now - dt.timedelta(days=1),
            ends_at=now + dt.timedelta(days=30),
            reason="外出学习期间，由常务副区长代为处理待办事项",
        )
        self.done.created += 1

    def load_admins(self) -> None:
        for username, admin_role in data.ADMINS:
            ensure_account(
                actor=self.actor,
                username=username,
                password=data.DEMO_PASSWORD,
                password_hash=self.password_hash,
                admin_role=admin_role,
            )
