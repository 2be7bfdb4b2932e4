"""Source reliability: a prior from the kind of source, a learned record, and the grade in use.

Grades follow the Admiralty code: A (completely reliable) to E (unreliable), F (cannot be judged).
"""

GRADES = ("A", "B", "C", "D", "E", "F")
PRIOR_BY_KIND = {
    "wire_agency": "B",
    "international_outlet": "B",
    "national_outlet": "C",
    "local_outlet": "C",
    "ngo": "C",
    "government": "D",
    "armed_group": "D",
    "social_account": "E",
}
# The chance a grade's reports hold up, and the lowest chance that still earns it.
GRADE_CHANCE = {"A": 0.95, "B": 0.8, "C": 0.65, "D": 0.5, "E": 0.3}
GRADE_FLOOR = (("A", 0.9), ("B", 0.72), ("C", 0.57), ("D", 0.4), ("E", 0.0))
PRIOR_STRENGTH = 4.0  # the prior counts as this many published ratings
MIN_RECORD = 3  # published ratings before the learned grade replaces the prior


def prior_grade(kind: str, affiliation: str | None = None) -> str:
    """The grade a source starts from; a party to the conflict starts no higher than D."""
    grade = PRIOR_BY_KIND.get(kind, "F")
    if affiliation == "party" and grade < "D":
        return "D"
    return grade


def chance(prior: str, agree: float, disagree: float) -> float:
    """Posterior mean of Beta(prior pseudo-counts + agree, + disagree)."""
    base = GRADE_CHANCE.get(prior, 0.5)
    return (base * PRIOR_STRENGTH + agree) / (PRIOR_STRENGTH + agree + disagree)


def grade_for(probability: float) -> str:
    return next(grade for grade, floor in GRADE_FLOOR if probability >= floor)


def learned_grade(prior: str, agree: float, disagree: float) -> str:
    """The grade the record implies; F while there is no record."""
    if agree + disagree <= 0:
        return "F"
    return grade_for(chance(prior, agree, disagree))


def grade_in_use(manual: str | None, prior: str, agree: float, disagree: float) -> str:
    """A reviewer's grade wins; then the learned grade once the record is long enough."""
    if manual:
        return manual
    if agree + disagree >= MIN_RECORD:
        return learned_grade(prior, agree, disagree)
    return prior
