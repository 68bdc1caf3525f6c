"""Month and weekday words per language, as data for the table-driven date parser.

Each table maps a written form (any grammatical case the language uses in dates) to its number:
months 1..12, weekdays 0 (Monday)..6 (Sunday). Add a language by adding its rows.
"""

from __future__ import annotations

MONTH_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
        "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
        "dec": 12,
    },
    # Russian: genitive ("3 марта"), nominative and prepositional ("в марте 2025 года").
    "ru": {
        "января": 1, "январь": 1, "январе": 1, "февраля": 2, "февраль": 2, "феврале": 2,
        "марта": 3, "март": 3, "марте": 3, "апреля": 4, "апрель": 4, "апреле": 4,
        "мая": 5, "май": 5, "мае": 5, "июня": 6, "июнь": 6, "июне": 6, "июля": 7, "июль": 7,
        "июле": 7, "августа": 8, "август": 8, "августе": 8, "сентября": 9, "сентябрь": 9,
        "сентябре": 9, "октября": 10, "октябрь": 10, "октябре": 10, "ноября": 11, "ноябрь": 11,
        "ноябре": 11, "декабря": 12, "декабрь": 12, "декабре": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    },
    # Polish: genitive ("3 marca"), nominative and locative ("w marcu 2025").
    "pl": {
        "stycznia": 1, "styczeń": 1, "styczniu": 1, "lutego": 2, "luty": 2, "lutym": 2,
        "marca": 3, "marzec": 3, "marcu": 3, "kwietnia": 4, "kwiecień": 4, "kwietniu": 4,
        "maja": 5, "maj": 5, "maju": 5, "czerwca": 6, "czerwiec": 6, "czerwcu": 6,
        "lipca": 7, "lipiec": 7, "lipcu": 7, "sierpnia": 8, "sierpień": 8, "sierpniu": 8,
        "września": 9, "wrzesień": 9, "wrześniu": 9, "października": 10, "październik": 10,
        "październiku": 10, "listopada": 11, "listopad": 11, "listopadzie": 11,
        "grudnia": 12, "grudzień": 12, "grudniu": 12,
    },
}

WEEKDAY_WORDS: dict[str, dict[str, int]] = {
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
           "sunday": 6},
    "ru": {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4,
           "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6},
    "es": {"lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
           "domingo": 6},
    "pl": {"poniedziałek": 0, "wtorek": 1, "środę": 2, "środa": 2, "czwartek": 3, "piątek": 4,
           "sobotę": 5, "sobota": 5, "niedzielę": 6, "niedziela": 6},
}

# Words that may sit between a day and its month ("3 de marzo") or month and year ("marzo de 2025").
MONTH_LINKS = r"(?:de\s+|of\s+)?"
# Words that may follow a year ("2025 года", "2025 r.", "2025 roku").
YEAR_TAILS = r"(?:\s+(?:года|году|г\.|roku|r\.))?"


def all_months() -> dict[str, int]:
    """Every month word of every language."""
    return {word: n for table in MONTH_WORDS.values() for word, n in table.items()}


def all_weekdays() -> dict[str, int]:
    """Every weekday word of every language."""
    return {word: n for table in WEEKDAY_WORDS.values() for word, n in table.items()}
