"""The domain vocabulary, declared once: clause types, supplier kinds, legal forms, the
national scope code and local time. Pure Python (no Flask, no ORM) so that models, forms,
templates, validation, the matcher, the advisor, OCDS and the API all read the same table.

Labels are French msgids marked with `N_` (extracted by Babel, translated by the web layer
at render time with `gettext(label)`): the table stays importable without an app.
"""
