"""The scores (0..100) at which matching links, suggests, calls two claims the same, conflicts.

Free of imports, so that ``tracker match --help`` shows the defaults without loading the
engine.
"""

#: At or above: the engine links the two claims as the same claim.
LINK_THRESHOLD = 62.0
#: At or above (and below the link threshold): the match is suggested to a reviewer. Above
#: the same-claim boundary: on the sample stories, hybrid scores of 45-55 were mostly two
#: claims of one story line (the reviewer's time), and of our own pairs scoring 45-55 one
#: in three was the same claim.
SUGGEST_THRESHOLD = 55.0
#: What :func:`~tracker.matching.same_claim` and :func:`~tracker.matching.match_pairs` use
#: by default.
SAME_THRESHOLD = 50.0
#: How alike two claims' events must be, apart from what they disagree on, to conflict.
CONFLICT_THRESHOLD = 60.0
