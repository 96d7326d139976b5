"""A deadline read as a date and the days to it shared between the steps (`schedule`),
and the first schedule a plan gives with it."""

from __future__ import annotations

import calendar
import itertools
import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuus_cli import core, schedule
from osallisuus_cli.cli import app
from osallisuus_cli.model import Dataset, TimingWords
from osallisuus_cli.reader import read
from plan_helpers import plan_json, runner

TODAY = date(2026, 12, 8)


def _words(dataset: Dataset) -> TimingWords:
    words = dataset.language.timing
    assert words is not None
    return words


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        ("15 April", date(2027, 4, 15)),
        ("April 15", date(2027, 4, 15)),
        ("15.4.", date(2027, 4, 15)),
        ("15.4.2028", date(2028, 4, 15)),
        ("huhtikuussa", date(2027, 4, 30)),
        ("marraskuun lopussa", date(2027, 11, 30)),
        ("tammikuun puoliväliin", date(2027, 1, 15)),
        ("mid-January", date(2027, 1, 15)),
        ("early March", date(2027, 3, 10)),
        ("by June", date(2027, 6, 30)),
        ("joulukuussa", date(2026, 12, 31)),
        ("in six weeks", TODAY + timedelta(weeks=6)),
        ("kolmen viikon sisällä", TODAY + timedelta(weeks=3)),
        ("within a month", TODAY + timedelta(days=30)),
        ("end of the year", date(2026, 12, 31)),
        ("syksyllä", None),
        ("next spring", None),
    ],
)
def test_a_deadline_as_written_is_read_as_a_date(
    dataset: Dataset, deadline: str, expected: date | None
) -> None:
    assert schedule.due(_words(dataset), deadline, TODAY) == expected


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=0, max_value=800),
    st.integers(min_value=1, max_value=6),
)
def test_the_days_are_shared_in_order_and_end_on_the_deadline(
    today: date, days: int, steps: int
) -> None:
    deadline = today + timedelta(days=days)
    ends = schedule.split(today, deadline, steps)
    if days < steps:
        assert ends == ()
        return
    assert len(ends) == steps and ends[-1] == deadline
    assert all(today < a < b for a, b in itertools.pairwise(ends))


def test_dates_are_written_as_people_write_them(dataset: Dataset) -> None:
    words = _words(dataset)
    assert schedule.shown(words, date(2027, 4, 15), "fi") == "15.4.2027"
    assert schedule.shown(words, date(2027, 4, 15), "en") == "15 April 2027"


DEADLINE_TEXT = (
    "We want the families of our family centre to help plan the services. The board "
    "decides on 15 April."
)


def test_a_plan_with_today_gets_a_first_schedule_of_its_phases() -> None:
    result = core.plan(None, core.AnswerInput({}, DEADLINE_TEXT), today=TODAY)
    said = [s.why.en for s in result.timing if "first schedule" in s.why.en]
    assert len(said) == 1
    assert "planning by 9 January 2027" in said[0]
    assert "improvement by 15 April 2027" in said[0]
    fi = next(s.why.fi for s in result.timing if "Ensimmäinen aikataulu" in s.why.fi)
    assert "suunnittelu 9.1.2027 mennessä" in fi
    without = core.plan(None, core.AnswerInput({}, DEADLINE_TEXT))
    assert not [s for s in without.timing if "first schedule" in s.why.en]


def test_a_case_is_scheduled_up_to_its_agreement() -> None:
    text = "Eeli 9 v. Asiakassuunnitelma pitäisi päivittää tammikuun puoliväliin mennessä."
    result = core.plan(None, core.AnswerInput({}, text), today=TODAY)
    fi = next(s.why.fi for s in result.timing if "Ensimmäinen aikataulu" in s.why.fi)
    assert "sopiminen 15.1.2027 mennessä" in fi and "seuranta" not in fi


def test_the_cli_and_a_batch_date_the_plan_from_today() -> None:
    doc: Any = plan_json("--yes", "--describe", DEADLINE_TEXT)
    assert any("A first schedule from today" in s["text"] for s in doc["timing"]["steps"])
    line = json.dumps({"describe": DEADLINE_TEXT})
    ran = runner.invoke(app, ["plan", "--batch", "-"], input=line + "\n")
    assert ran.exit_code == 0, ran.output
    steps = json.loads(ran.stdout)["timing"]["steps"]
    assert any("A first schedule from today" in s["text"] for s in steps)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Sijoituksen tarkistus pitää tehdä 12.12. mennessä.", date(2026, 12, 12)),
        ("Raportti johtoryhmälle 15.3.", date(2027, 3, 15)),
        ("The decision is on 30.4.2027.", date(2027, 4, 30)),
        (
            "Viestintä tekee uudet nettisivut, deadline teksteille 15.5. Rahaa on.",
            date(2027, 5, 15),
        ),
    ],
)
def test_a_date_in_numbers_is_a_deadline(dataset: Dataset, text: str, deadline: date) -> None:
    timing = read(dataset, text).timing
    assert timing.deadlines
    assert schedule.due(_words(dataset), timing.deadlines[0], TODAY) == deadline


@pytest.mark.parametrize(
    "text", ["Palaveri klo 10.10 pidettiin.", "The budget must be 2.5 million.", "Muistio 3.10."]
)
def test_a_time_an_amount_or_a_dated_note_is_no_deadline(dataset: Dataset, text: str) -> None:
    assert read(dataset, text).timing.deadlines == ()


@given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=12))
def test_a_months_last_day_is_the_calendars(year: int, month: int) -> None:
    assert schedule._last_day(year, month) == calendar.monthrange(year, month)[1]
