"""Signals for the modules above outgoing (which outgoing itself must not import).

``outgoing_issued`` is sent inside the issuing transaction, with ``document`` (issued or
published, numbered) and ``actor``: the module a draft came from (``document.source_type``
/ ``source_id``, e.g. a supervision case or bulletin) records the number and date there,
in the same transaction.
"""

from django.dispatch import Signal

outgoing_issued = Signal()
