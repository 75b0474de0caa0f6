"""kg's knowledge as data (gazetteers, lexicons, rules, queries, vocabulary), installed as
the package ``kg._data``. This file makes it a regular package, so that
``importlib.resources.files("kg._data")`` is a real folder in a wheel or an editable
install alike; nothing here is meant to be imported."""
