#!/usr/bin/env python3
"""England and Wales bank holidays 2019-2028 from the statutory rules
(Banking and Financial Dealings Act 1971, schedule 1, with substitute days)
and the royal proclamations that moved or added days; standard library only,
independent of the feed and of the Rust code. Writes
england-and-wales.expected.txt (one YYYY-MM-DD per line, sorted), which
tests/calendar_ics.rs compares with the dates read from england-and-wales.ics.

    python3 tests/data/holidays/england_and_wales.py
"""
import datetime as dt
import pathlib

MON, SAT, SUN = 0, 5, 6


def easter(year):
    """Western Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def first_monday(year, month):
    d = dt.date(year, month, 1)
    return d + dt.timedelta((MON - d.weekday()) % 7)


def last_monday(year, month):
    d = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)
    return d - dt.timedelta((d.weekday() - MON) % 7)


def holidays(year):
    days = []
    new_year = dt.date(year, 1, 1)
    days.append(new_year + dt.timedelta({SAT: 2, SUN: 1}.get(new_year.weekday(), 0)))
    e = easter(year)
    days += [e - dt.timedelta(2), e + dt.timedelta(1)]
    # 2020: the early May holiday moved to Friday 8 May (VE Day 75).
    days.append(dt.date(2020, 5, 8) if year == 2020 else first_monday(year, 5))
    # 2022: the spring holiday moved to Thursday 2 June, plus the Platinum Jubilee on 3 June.
    days += [dt.date(2022, 6, 2), dt.date(2022, 6, 3)] if year == 2022 else [last_monday(year, 5)]
    days.append(last_monday(year, 8))
    # Christmas and Boxing Day: a day on a weekend moves to the next free weekday.
    taken = set()
    for d in (dt.date(year, 12, 25), dt.date(year, 12, 26)):
        while d.weekday() in (SAT, SUN) or d in taken:
            d += dt.timedelta(1)
        taken.add(d)
    days += sorted(taken)
    days += {2022: [dt.date(2022, 9, 19)], 2023: [dt.date(2023, 5, 8)]}.get(year, [])
    return days


if __name__ == "__main__":
    out = sorted(d for y in range(2019, 2029) for d in holidays(y))
    path = pathlib.Path(__file__).with_name("england-and-wales.expected.txt")
    path.write_text("".join(f"{d.isoformat()}\n" for d in out))
    print(f"{len(out)} dates written to {path}")
