"""GridDesk's domain and its persistence: entities, migrations and services. No Qt here."""
