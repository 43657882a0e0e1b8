from .calendar import CalendarDay, CalendarRevision, CalendarYear

__all__ = ["CalendarDay", "CalendarRevision", "CalendarYear"]
