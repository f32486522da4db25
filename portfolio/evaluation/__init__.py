"""The evaluation package of a strategy period: tables, figures, charts and a zip of them all."""
