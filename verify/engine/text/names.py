"""The proper names a claim and a passage share: the subject both of them speak of."""

import re

# A run of capitalised words: "Min Aung Hlaing", "Lashio HQ", "Ta'ang National Liberation Army".
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
# Capitalised only because a sentence or a title starts with them.
_LEADING = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "his", "her"})


def names_in(text: str) -> list[str]:
    """The runs of capitalised words in text, without a leading article, each once."""
    found = []
    for run in _NAME.findall(text):
        words = run.split()
        while words and words[0].lower() in _LEADING:
            words.pop(0)
        if words:
            found.append(" ".join(words))
    return list(dict.fromkeys(found))


def _gives(passage: str, name: str) -> bool:
    # Same capitals, whole words: "Lashio" is a name in both, "Rebels" against "rebels" is not.
    return re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", passage) is not None


def shared_names(claim: str, passage: str) -> list[str]:
    """The claim's names that the passage gives too, whole ("North Sea" is not "Black Sea")."""
    return [name for name in names_in(claim) if _gives(passage, name)]
