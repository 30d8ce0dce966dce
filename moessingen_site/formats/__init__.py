"""The site's corrections to Django's date formats per language (``FORMAT_MODULE_PATH``):
only the names set here replace Django's; every other format is Django's own."""
