"""Learn a spinner's reverse table from spun text alone (no clean sources).

**Experimental** (issue 11, open), and careful by default: an entry is made
only where the evidence's choice is a synonym a shipped thesaurus (MyThes,
WordNet) lists for the spun form (``require_synonym=True``), clearly ahead
of every other candidate (:data:`_MARGIN`), or, with a second original
that fits as well, of every other but those two (:func:`_leaders`).
Measured (``docs/benchmarks.md``, sessions 28-29, two samples, learning with
news counts that never saw the samples): on 1,000 BBC articles spun by the
``mythes`` spinner, 96% of the careful entries (two rounds) for forms
seen 5 times or more are right and 60-61% of those swaps are found (20
times or more: 97%, 79-80%), and 88% of its phrase entries (the spinner's
expansions, "state of war" for "war") are right, finding 75% of those seen
5 times or more; restoring with that table alone repairs 74-75% of what a
table learned from the same articles as pairs repairs (helpful-edit
precision 0.92, the pairs' 0.95; session 28). For a spinner whose
choices are in no thesaurus (a fixed random mapping) the open learner
(``require_synonym=False``, two rounds) gets 97-98% of its entries for
forms seen 5 times or more right (98-99% of those seen 20 times or more) and
finds 41-42% (73-74%); of all its entries whose form the corpus holds 5
times or more, the spinner's or not, 94% are right; its table repairs
73.9-74.5% of what the pairs' would (helpful-edit precision 0.98; session
32); the careful one finds next to none (its 156-172 entries make no edit
on the test articles). On the real spun pages of the development data, over each
grouped fold's default table, either leaves repair and helpful-edit
precision nearly where they were (careful +0.005 repair at helpful
precision 0.96; open +0.001; 70 pages are too few to learn much from).
Used by ``unspin learn --unpaired`` and ``unspin clean --learn``.

The idea (DESIGN.md): the spinner is nearly deterministic per word, so a spun
form ("mentioned") recurs in many contexts where the trigram model prefers
one and the same original ("said"), while a writer's own word has no such
consistent rival. Three passes over the corpus (the third in two halves),
and a fourth over the forms learned, each a sum of per-document statistics
(partitions of a corpus can be counted apart and added with
:meth:`UnpairedStats.merge`). Each pass reads a document as ``base``
restores it: what is known is undone first, so that the rest is weighed in
the writer's own context, and the words the restoration wrote are counted
apart (``UnpairedStats.restored``), as no form of the spinner's. The passes
run in **rounds** (``rounds``): the second reads the corpus restored with
what the first learned too, and learns the forms still unknown (the
careful learner's default; ``docs/benchmarks.md``, sessions 18 and 20).

1. **Counts.** Weighted occurrences of each word and of each phrase a
   shipped thesaurus lists as a synonym of one word (a spinner's expansions:
   "economic system" for "economy", :func:`_phrase_forms`), and the total
   weight of words. A document's weight is how spun it looks (the screen of
   ``base``, :mod:`unspin.screen`, as a probability; 1 when ``base`` is
   empty). A form ``base`` does not know
   is a *suspect* when it occurs ``min_count`` times or more and ``min_ratio``
   times as often as in clean English (wordfreq; for a phrase, the trigram
   model's probability of its words in a row or the shipped news bigram
   counts), or, for a word the earlier rounds learned as an original (one
   the spinner rewrites too), as often as the share of its own occurrences
   the spinner leaves in place would give (:func:`unspin.rates.left_in_place`).
   The pass also counts, per word, the occurrences that misfit their
   places (the trigram model's pointwise mutual information of the word
   with the words around it below 0, :func:`_misfits`): a form held as
   often as clean text holds it (a common word that the spinner writes for
   another, while the writer's own uses are rewritten or many) is a suspect
   *by its contexts* when it misfits more often than the corpus's words
   usually do, beyond chance (:func:`context_suspects`), and its original
   must then be no commoner in the corpus than in clean text.
2. **Candidates.** At each occurrence of a suspect, the words the bigram
   counts expect between its two neighbours (what the model itself prefers
   there; the pass counts the pairs of neighbours, and each distinct pair is
   looked up once after the merge, :func:`propose`); those proposed at two
   occurrences or more join the words a
   sense-blind thesaurus could have turned into the form (the shipped
   MyThes and WordNet, inverted). Without the thesaurus check
   (``require_synonym=False``), every word the corpus is missing
   (:func:`unspin.rates.depleted_words`) that the bigram counts have
   between the neighbours is proposed too, not only the likeliest few: a
   deterministic spinner leaves its originals out, and the original of a
   rarer form is a rarer word. Up to 40 proposals are taken, those proposed
   for this form rather than for every suspect first, and those clean text
   holds about as often as the form's excess (:func:`_specificity`). The
   open learner also takes, for a suspect seen 5 times or more, the 10
   missing words that the trigram model's bigrams fit best between its
   neighbours, among those clean text holds about as often as the form's
   excess (:func:`model_proposals`): the shipped news bigrams are too
   sparse to propose a rarer original, the model's two million, with
   back-off, score every word.
   Function words are never candidates, nor are number words, but for the
   open learner those the corpus has lost (:func:`lost_numbers`), which it
   takes only where one accounts for the form's excess.
3. **Evidence.** At each occurrence, each candidate's log-ratio under the
   trigram model (``log P(context with it) - log P(context as written)``,
   with each word's frequency as clean news has it rather than as the
   model's training text did, :func:`_domain`; times 0.7 as in
   :mod:`unspin.decide`), mixed with the share of the form's
   occurrences that ordinary usage does not explain (``1 - 1 / ratio``):
   ``log(1 - s + s * exp(LLR))`` summed over occurrences. A sample of the
   documents (one in four, chosen by a digest of the text, so that every
   partition draws the same) weighs every candidate first; the other
   documents weigh only those the sample left in the running
   (:func:`_narrowed`): the same tables, in about four fifths of the time.

An entry is made for a suspect the base does not know, from its candidate
with the largest evidence plus, per swapped occurrence, the noisy channel's
``log P(form | original)`` (:func:`unspin.rates.channel`: the share of the
candidate's expected occurrences that the form's excess can account for; the
model alone prefers common words), when that is ``_MARGIN`` nats ahead of
the next candidate and reaches ``min_evidence`` nats, the model prefers the
candidate to the form as written at ``min_share`` of the occurrences or more,
in ``min_docs`` documents or more and as many different contexts (the two
words either side: copies of one page are one context), and the candidate
is plausible (:func:`_plausible`: a thesaurus synonym of the form, or, for
the open learner, a word the corpus holds at most half as often as clean
text would, beyond what the base table's forms stand for; a synonym, too,
when the spinner leaves little of the words it rewrites,
:func:`spinner_leaves`, :func:`synonym_bar`). The open learner
falls back, for a form that gets no entry so (its best original is
implausible or another form's, or none is clearly ahead), on the best
plausible original no form took, when that leads the rest by the margin and
is missing from the corpus about as often as the form is in excess
(:func:`_fallbacks`: a random mapping's "jasper" gets "firm", not
"company"); and it keeps a form that comes in bursts when its one original
is far ahead and missing so (:func:`_far_ahead`). Its counts, from
how much more often the form occurs than in clean text: its excess
occurrences are swaps, the rest kept (session 15: the excess times the share
where the model prefers the original undercounted swaps, 0.86 of the
occurrences against the pairs' 0.90 for the same ``mythes`` entries;
counting the excess alone restores 0.008 more at helpful precision 0.003
lower on both synthetic spinners and both samples, the real pages
unchanged). The excess is only a floor on the swaps (a spinner rewrites its
own forms too), so a fourth pass fits the share of swaps to the contexts of
all the form's occurrences, and the kept count drops to what that share
leaves (:func:`share_pass`, :func:`refit_kept`). Provenance ``unpaired``
(which :func:`unspin.hits.prior` discounts like inferred entries).

How often clean text would hold a word (for the suspects, the missing words
and the channel) is :mod:`unspin.rates`. Memory is bounded by the vocabulary
(counts per word type, per suspect and candidate); time is linear in the
corpus.

The stages, one module each: :mod:`~unspin.unpaired.stats` (the sums that
add across partitions), :mod:`~unspin.unpaired.reading` (how a pass reads
the corpus), :mod:`~unspin.unpaired.suspects` (pass 1),
:mod:`~unspin.unpaired.candidates` (pass 2), :mod:`~unspin.unpaired.evidence`
(pass 3), :mod:`~unspin.unpaired.entries` (the table the statistics
support), :mod:`~unspin.unpaired.shares` (pass 4) and
:mod:`~unspin.unpaired.learner` (the rounds).

>>> from unspin.unpaired import learn_unpaired
>>> len(learn_unpaired(["The struggle was over."] * 3))  # too little to learn from
0
"""

from __future__ import annotations

from ..rates import channel, spread_out
from .candidates import candidate_pass, choose_candidates, model_proposals, propose
from .entries import (
    MIN_EVIDENCE,
    SOURCE,
    form_scores,
    lost_numbers,
    spinner_leaves,
    synonym_bar,
    table_from_stats,
    unsupported,
)
from .evidence import evidence_pass
from .learner import REVISION, ROUNDS, Round, learn_from_passes, learn_unpaired
from .reading import document_weight, known_length
from .shares import refit_kept, share_pass
from .stats import UnpairedStats
from .suspects import MIN_RATIO, context_suspects, count_pass, find_suspects, usual_misfit

__all__ = [
    "MIN_EVIDENCE",
    "MIN_RATIO",
    "REVISION",
    "ROUNDS",
    "SOURCE",
    "Round",
    "UnpairedStats",
    "candidate_pass",
    "channel",
    "choose_candidates",
    "context_suspects",
    "count_pass",
    "document_weight",
    "evidence_pass",
    "find_suspects",
    "form_scores",
    "known_length",
    "learn_from_passes",
    "learn_unpaired",
    "lost_numbers",
    "model_proposals",
    "propose",
    "refit_kept",
    "share_pass",
    "spinner_leaves",
    "spread_out",
    "synonym_bar",
    "table_from_stats",
    "unsupported",
    "usual_misfit",
]
