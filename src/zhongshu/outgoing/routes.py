"""Who signs and who reviews (DOC-OUT-6, DOC-IN-13), computed from the document's
attributes and the leaders' portfolios (分管), so the drafter sees the route before
submitting."""

from __future__ import annotations

from dataclasses import dataclass

from zhongshu.org.choices import PortfolioKind, SectionKind, UnitKind
from zhongshu.org.models import Person, Portfolio, Section, Unit
from zhongshu.org.services import leaders_in_charge, people_with_post

from .models import OutgoingDocument

DEPUTY_HEAD_POSTS = ("executive_deputy_head", "deputy_head")


@dataclass(frozen=True)
class RouteEntry:
    person: Person
    role: str

    def as_dict(self) -> dict:
        return {"person": self.person.name, "person_uuid": str(self.person.uuid), "role": self.role}


def head() -> Person | None:
    return people_with_post("head").order_by("sort_order", "id").first()


def office_director() -> Person | None:
    return people_with_post("office_director").order_by("sort_order", "id").first()


def office_unit() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.OFFICE, archived_at__isnull=True).first()


def deputy_director_in_charge(unit: Unit) -> Person | None:
    """The deputy office director whose office portfolio covers the drafting unit; for the
    office's own drafts, the one over 秘书科 (文电)."""
    deputies = set(people_with_post("deputy_office_director").values_list("pk", flat=True))
    for person in leaders_in_charge(unit, PortfolioKind.OFFICE):
        if person.pk in deputies:
            return person
    portfolio = (
        Portfolio.objects.active()
        .filter(
            kind=PortfolioKind.OFFICE,
            leader_id__in=deputies,
            sections__kind=SectionKind.SECRETARIAT,
        )
        .select_related("leader")
        .first()
    )
    return portfolio.leader if portfolio else None


def deputy_heads_for(document: OutgoingDocument) -> list[Person]:
    """The deputy heads whose fields the document concerns: the portfolios chosen on the
    draft, else the leaders in charge of the drafting unit. Executive deputy first, then
    by the order of the leadership."""
    chosen = (
        [
            p.leader
            for p in document.portfolios.filter(kind=PortfolioKind.GOVERNMENT).select_related(
                "leader"
            )
        ]
        if document.pk
        else []
    )
    if not chosen:
        chosen = leaders_in_charge(document.drafting_unit, PortfolioKind.GOVERNMENT)
    seen: dict[int, Person] = {}
    for person in chosen:
        seen.setdefault(person.pk, person)
    return sorted(seen.values(), key=lambda p: (p.sort_order, p.pk))


def signing_route(document: OutgoingDocument) -> list[RouteEntry]:
    """DOC-OUT-6."""
    the_head = head()
    director = office_director()
    if document.is_office_internal:
        return [RouteEntry(director, "办公室主任签发")] if director else []
    leaders = deputy_heads_for(document)
    deputies = [p for p in leaders if the_head is None or p.pk != the_head.pk]
    if document.is_major or document.is_report_up:
        route: list[RouteEntry] = []
        deputy_director = deputy_director_in_charge(document.drafting_unit)
        if deputy_director:
            route.append(RouteEntry(deputy_director, "办公室分管副主任审批"))
        if director:
            route.append(RouteEntry(director, "办公室主任审批"))
        route += [RouteEntry(p, "分管副区长审批") for p in deputies]
        if the_head:
            route.append(RouteEntry(the_head, "区长签发"))
        return route
    if not deputies:
        return [RouteEntry(the_head, "区长签发")] if the_head else []
    if len(deputies) == 1:
        return [RouteEntry(deputies[0], "分管副区长签发")]
    return [
        RouteEntry(p, "分管副区长依次签发" if i < len(deputies) - 1 else "分管副区长签发")
        for i, p in enumerate(deputies)
    ]


def describe(route: list[RouteEntry]) -> str:
    return " → ".join(f"{entry.person.name}（{entry.role}）" for entry in route)


def office_section(kind: str) -> Section | None:
    office = office_unit()
    if office is None:
        return None
    return Section.objects.filter(unit=office, kind=kind, archived_at__isnull=True).first()


def section_chief(kind: str) -> Person | None:
    section = office_section(kind)
    if section is None:
        return None
    return (
        Person.objects.filter(section=section, archived_at__isnull=True)
        .order_by("sort_order", "id")
        .first()
    )
