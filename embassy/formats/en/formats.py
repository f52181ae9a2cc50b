"""British English dates and 24-hour times to the minute, where Django's "en" formats are
American ("Nov. 30, 2026, 4:53 a.m."): the admin's lists and messages read "30 November 2026,
04:53". The public pages name their formats ("j E Y") and do not change.

Only the display formats: the input formats stay Django's "en" ones, so the admin's date inputs
keep showing and accepting 2026-11-30.
"""

DATE_FORMAT = "j F Y"  # 30 November 2026
TIME_FORMAT = "H:i"  # 04:53
DATETIME_FORMAT = "j F Y, H:i"  # 30 November 2026, 04:53
YEAR_MONTH_FORMAT = "F Y"  # November 2026
MONTH_DAY_FORMAT = "j F"  # 30 November
SHORT_DATE_FORMAT = "d/m/Y"  # 30/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 30/11/2026 04:53
FIRST_DAY_OF_WEEK = 1  # Monday
