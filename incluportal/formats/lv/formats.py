# Latvian numeric dates always have two-digit days and months (06.12.2026), as
# Latvian official documents write them; Django's "lv" prints 6.12.2026. The
# long formats (DATE_FORMAT, "2026. gada 6. decembris") come from Django.
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y"]
