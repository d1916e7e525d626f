"""Corpora on a cluster engine (``check --engine NAME``, ``filter --engine NAME``): the
engine-neutral pieces, so an engine plugin (``brandlint_ray``) only schedules work.

1. :func:`plan_tasks` cuts each JSONL file into byte ranges that start and end at line
   breaks (a few reads per range; nothing is parsed);
2. :func:`count_range` says how many lines, code points, bytes and records a range holds;
   :func:`place_tasks` adds them up, so each range knows where it starts in its file;
3. :func:`work_range` lints (``check``) or splits (``filter``) one range and writes its
   output shard: a file named after the range (``findings-00000-000003.jsonl``), written
   through a temporary file and a rename. A retried range writes the same file again, so a
   worker that dies mid-run loses nothing and duplicates nothing;
4. the engine adds up the :class:`RangeOutcome` rows into a :class:`CorpusReport`.

Findings shards hold one JSON object per active finding (:func:`finding_row`): path, record,
line, JSON pointer, rule, severity, span, message. Concatenating the shards in name order
lists the findings in file and record order; filter shards concatenated in name order are the
records in input order.
"""

from .api import check_corpus, corpus_files, filter_corpus, run_corpus
from .model import (
    DEFAULT_CHUNK_BYTES,
    MIN_CHUNK_BYTES,
    CorpusReport,
    CorpusRequest,
    RangeOutcome,
    RangeTask,
    chunk_bytes_for,
)
from .ranges import count_range, finding_row, linter_for, place_tasks, plan_tasks, read_range, work_range

__all__ = [
    "DEFAULT_CHUNK_BYTES",
    "MIN_CHUNK_BYTES",
    "CorpusReport",
    "CorpusRequest",
    "RangeOutcome",
    "RangeTask",
    "check_corpus",
    "chunk_bytes_for",
    "corpus_files",
    "count_range",
    "filter_corpus",
    "finding_row",
    "linter_for",
    "place_tasks",
    "plan_tasks",
    "read_range",
    "run_corpus",
    "work_range",
]
