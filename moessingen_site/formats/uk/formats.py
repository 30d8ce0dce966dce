"""Ukrainian: a day and its month with the month in the genitive, „13 січня“, as Django's own
DATE_FORMAT writes it ("d E Y р."); Django's MONTH_DAY_FORMAT ("d F") wrote „13 Січень“ in the
calendar's next dates of a series."""

MONTH_DAY_FORMAT = "j E"
