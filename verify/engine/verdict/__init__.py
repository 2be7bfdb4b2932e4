"""From judged passages to one verdict: evidence mass, conflict rules and an explanation."""
