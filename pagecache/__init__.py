"""Anonymous page cache: whole public Wagtail pages kept in Django's cache, invalidated on publication."""
