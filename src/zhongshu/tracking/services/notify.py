"""Notifications: the bell in the application, e-mail when ZHONGSHU_NOTIFY_EMAIL is on,
SMS through the configured gateway. Rows are written in the caller's transaction;
e-mail and SMS go out after commit, in batches, by a task."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from zhongshu.framework.services import on_commit, service
from zhongshu.org.models import Delegation, Person

from ..acting import reach_of
from ..models import Notification, TrackedItem
from ..sms import gateway

log = logging.getLogger(__name__)
BATCH = 500


def notify(
    recipients: Iterable[Person | int | None],
    *,
    verb: str,
    text: str,
    item: TrackedItem | None = None,
    link: str = "",
    sms: bool = False,
    dedupe_key: str = "",
) -> list[Notification]:
    """Queue one notification per recipient (duplicates and None dropped)."""
    ids: set[int] = {
        pk for pk in (r.pk if isinstance(r, Person) else r for r in recipients) if pk is not None
    }
    if not ids:
        return []
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=pk,
            verb=verb,
            text=text[:500],
            link=link,
            item=item,
            created_at=now,
            sms=sms,
            dedupe_key=dedupe_key,
        )
        for pk in sorted(ids)
    ]
    created = Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))
    schedule_delivery()
    return created


def schedule_delivery() -> None:
    from ..tasks import deliver_notifications

    on_commit(lambda: _enqueue(deliver_notifications))


def _enqueue(task) -> None:
    try:
        task.enqueue()
    except Exception:  # the bell has the notification; delivery retries on the next sweep
        log.exception("could not enqueue notification delivery")


def deliver_pending(limit: int = 20 * BATCH) -> int:
    """Send e-mail and SMS for undelivered notifications; returns how many were handled.
    Each batch is claimed and marked in one transaction, so two workers never send twice."""
    done = 0
    while done < limit:
        with transaction.atomic():
            batch = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(deliver=True, delivered_at__isnull=True)
                .select_related("recipient")
                .order_by("id")[:BATCH]
            )
            if not batch:
                break
            _send(batch)
            Notification.objects.filter(pk__in=[n.pk for n in batch]).update(
                delivered_at=timezone.now()
            )
        done += len(batch)
    return done


def _send(batch: list[Notification]) -> None:
    delegates = _delegates_of({n.recipient_id for n in batch})
    emails: list[EmailMessage] = []
    for note in batch:
        people = [note.recipient, *delegates.get(note.recipient_id, [])]
        for person in people:
            marked = (
                note.text
                if person.pk == note.recipient_id
                else f"（代{note.recipient.name}）{note.text}"
            )
            if settings.NOTIFY_EMAIL_ENABLED and person.email:
                emails.append(EmailMessage(f"中枢提醒：{marked[:60]}", marked, to=[person.email]))
            if note.sms and person.mobile:
                try:
                    gateway().send(person.mobile, marked)
                except Exception:
                    log.exception("SMS to person %s failed", person.pk)
    if emails:
        get_connection(fail_silently=True).send_messages(emails)


def _delegates_of(person_ids: set[int]) -> dict[int, list[Person]]:
    """Delegates in force now also receive the delegator's e-mail and SMS (marked 代)."""
    found: dict[int, list[Person]] = {}
    rows = (
        Delegation.objects.active().filter(delegator_id__in=person_ids).select_related("delegate")
    )
    for row in rows:
        found.setdefault(row.delegator_id, []).append(row.delegate)
    return found


@service
def mark_notification_read(*, actor, notification: Notification) -> None:
    """Reading is not a business event: it is not audited."""
    if notification.recipient_id not in reach_of(actor).person_ids:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)


@service
def mark_all_notifications_read(*, actor) -> int:
    return Notification.objects.filter(
        recipient_id__in=reach_of(actor).person_ids, read_at__isnull=True
    ).update(read_at=timezone.now())
