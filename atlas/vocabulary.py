"""The index's own words, to suggest a correction for a word it does not hold.

Built once per content version from the index's text (one query), then kept by the
process: a search reads it only when it found nothing, and a lookup compares the word
with the vocabulary's words of about its length, never with the records.
"""

import difflib
import re
from collections import Counter, defaultdict

from atlas import aliases, freshness
from atlas.kept import KeptForKey
from atlas.models import SearchEntry

MIN_LENGTH = 4  # shorter words are too often right and too easily "corrected"
CUTOFF = 0.8


class Vocabulary:
    def __init__(self, counts, spellings):
        self.counts = counts
        # {folded word: its commonest spelling}: PostgreSQL's text search keeps accents, so
        # "bouake" is corrected to the index's "bouaké".
        self.spellings = spellings
        self.by_length = defaultdict(list)
        for word in counts:
            self.by_length[len(word)].append(word)

    def __contains__(self, word):
        return aliases.fold(word) in self.counts

    def correct(self, word):
        """The index's closest word to `word` (the most frequent of equally close ones),
        or its spelling there when they differ in accents only; None when the index holds
        it as typed or nothing is close."""
        folded = aliases.fold(word)
        if folded in self.counts:
            spelling = self.spellings[folded]
            return spelling if spelling != word.lower() else None
        if len(folded) < MIN_LENGTH or folded.isdigit():
            return None
        if folded in aliases.known_words():
            return None
        candidates = [
            candidate
            for length in range(len(folded) - 2, len(folded) + 3)
            for candidate in self.by_length.get(length, ())
        ]
        close = difflib.get_close_matches(folded, candidates, n=5, cutoff=CUTOFF)
        if not close:
            return None
        best = difflib.SequenceMatcher(None, folded, close[0]).ratio()
        tied = [c for c in close if difflib.SequenceMatcher(None, folded, c).ratio() == best]
        return self.spellings[max(tied, key=lambda c: self.counts[c])]


def build():
    spellings = Counter()
    for title, lead, body in SearchEntry.objects.values_list("title", "lead", "body"):
        for word in re.findall(r"\w+", f"{title} {lead} {body}"):
            if len(word) >= MIN_LENGTH - 2 and not word.isdigit():
                spellings[word.lower()] += 1
    counts, commonest = Counter(), {}
    for spelling, count in spellings.most_common():
        folded = aliases.fold(spelling)
        counts[folded] += count
        commonest.setdefault(folded, spelling)
    return Vocabulary(counts, commonest)


_kept = KeptForKey(build)


def current_vocabulary():
    """The vocabulary of the content version now in force, built at most once per process."""
    return _kept.get(freshness.current())


def corrected(terms):
    """The terms with each word the index lacks replaced by its closest word; None when
    nothing was corrected."""
    vocabulary = current_vocabulary()
    fixed = [vocabulary.correct(term) or term for term in terms]
    return fixed if fixed != list(terms) else None
