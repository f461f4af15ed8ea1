"""Tracking: what stands where in an alliance's records, what is due, and the ledger.

The modules here are library code: they return values or raise :mod:`pbctl.errors`
exceptions, and never print or exit. Heavy imports (pydantic via :mod:`pbctl.definition.model`,
openpyxl, python-docx) happen inside functions, so this package is cheap to import.

* :mod:`~pbctl.tracking.records`: read an alliance's meetings and activities, validated.
* :mod:`~pbctl.tracking.status`: the state of an alliance at a date (pure functions).
* :mod:`~pbctl.tracking.schedule`: next meeting due, term and renewal, what falls due.
* :mod:`~pbctl.tracking.documents`: the adapter to the records layer (document states).
* :mod:`~pbctl.tracking.decisions`: decision references (``3.2``); marking one done is
  :mod:`pbctl.records.tracked`'s.
* :mod:`~pbctl.tracking.ledger` and :mod:`~pbctl.tracking.xlsx`: the ledger (台账).
* :mod:`~pbctl.tracking.ics`: iCalendar (RFC 5545) output of what falls due.
* :mod:`~pbctl.tracking.report`: the year-end summary (年度工作总结).
"""
