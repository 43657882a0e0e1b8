"""``calendar_changed`` is sent on commit after the official calendar changed.

Arguments: ``years`` (sorted list of the years whose days changed) and ``actor``. The
tracking engine recomputes the open deadlines of those years and tells the people whose
deadlines moved (CAL-1).
"""

from django.dispatch import Signal

calendar_changed = Signal()
