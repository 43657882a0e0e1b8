"""Signals for the layers above org (which org itself must not import).

``person_archived`` is sent inside the archiving transaction, with ``person`` and
``actor``: the accounts app disables the person's login there, in the same transaction.
"""

from django.dispatch import Signal

person_archived = Signal()
