"""The calendar pages: the year as a month grid (every business user), the entry of an
official year and the correction of one date (office administrators, CAL-1)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from zhongshu.framework.views import BusinessViewMixin, ServiceFormView

from . import engine, services
from .forms import CalendarDayForm, OfficialYearForm
from .holidays import MAX_YEAR, MIN_YEAR, HolidaySpan, statutory_holidays
from .models import CalendarYear
from .policies import calendar_policy

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def _year_or_404(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def month_grid(year: int, infos: list) -> list[dict[str, Any]]:
    """Twelve months of weeks (Monday first); dates of the neighbouring months are None."""
    by_date = {info.date: info for info in infos}
    weeks = calendar.Calendar(firstweekday=0)
    return [
        {
            "month": month,
            "weeks": [
                [by_date[d] if d.month == month else None for d in week]
                for week in weeks.monthdatescalendar(year, month)
            ],
        }
        for month in range(1, 13)
    ]


class CalendarView(BusinessViewMixin, TemplateView):
    template_name = "clock/calendar.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = _year_or_404(self.kwargs.get("year", today.year))
        can_manage = calendar_policy.can(self.request.user, "manage")
        cal_year = CalendarYear.objects.select_related("entered_by").filter(year=year).first()
        infos = engine.days(dt.date(year, 1, 1), dt.date(year, 12, 31))  # from the index
        context.update(
            year=year,
            today=today,
            cal_year=cal_year,
            notice=cal_year.notice if cal_year else "",
            provisional=engine.is_provisional_year(year),
            summary=services.arrangement_of(infos),
            months=month_grid(year, infos),
            weekdays=WEEKDAYS,
            can_manage=can_manage,
            missing_year=services.missing_next_year(today) if can_manage else None,
            previous_year=year - 1 if year > MIN_YEAR else None,
            next_year=year + 1 if year < MAX_YEAR else None,
        )
        return context


class YearEntryView(ServiceFormView):
    """录入年度放假安排: the holidays and adjusted working days of the notice."""

    template_name = "clock/year_form.html"
    form_class = OfficialYearForm
    policy = calendar_policy
    verb = "manage"

    def get_form_kwargs(self) -> dict[str, Any]:
        self.year = _year_or_404(self.kwargs["year"])
        summary = services.year_summary(self.year)
        if summary["status"] == "official":
            spans = [
                HolidaySpan(
                    h["name"], dt.date.fromisoformat(h["start"]), dt.date.fromisoformat(h["end"])
                )
                for h in summary["holidays"]
            ]
        else:
            spans = statutory_holidays(self.year)
        initial = {
            "notice": summary["notice"],
            "adjusted_workdays": "\n".join(summary["adjusted_workdays"]),
        }
        return {**super().get_form_kwargs(), "spans": spans, "initial": initial}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        context["official"] = not engine.is_provisional_year(self.year)
        return context

    def perform(self, form) -> str:
        services.enter_official_year(
            actor=self.request.user,
            year=self.year,
            holidays=form.spans(),
            adjusted_workdays=form.cleaned_data["adjusted_workdays"],
            notice=form.cleaned_data["notice"],
        )
        return reverse("clock:calendar_year", args=[self.year])


class DayEditView(ServiceFormView):
    """Correct one date of the calendar."""

    template_name = "clock/day_form.html"
    form_class = CalendarDayForm
    policy = calendar_policy
    verb = "manage"

    def get_form_kwargs(self) -> dict[str, Any]:
        try:
            self.day = dt.date.fromisoformat(self.kwargs["day"])
        except ValueError as exc:
            raise Http404 from exc
        _year_or_404(self.day.year)
        self.info = engine.day_info(self.day)
        initial = {"kind": self.info.kind, "holiday_name": self.info.holiday_name}
        return {**super().get_form_kwargs(), "initial": initial}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(day=self.day, info=self.info, weekday=WEEKDAYS[self.day.weekday()])
        return context

    def perform(self, form) -> str:
        services.edit_calendar_day(
            actor=self.request.user,
            day=self.day,
            kind=form.cleaned_data["kind"],
            holiday_name=form.cleaned_data["holiday_name"],
        )
        return reverse("clock:calendar_year", args=[self.day.year])
