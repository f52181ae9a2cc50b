"""The site's own date formats (settings.FORMAT_MODULE_PATH): each language's module overrides
Django's formats for that language; what it leaves out comes from Django's."""
