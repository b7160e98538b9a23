"""GridDesk's panels and their Qt item models. They take snapshots and emit intents; no database."""
