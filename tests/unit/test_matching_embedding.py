"""The sentence-embedding model: loads offline, checks its checksums, encodes sensibly."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
from pathlib import Path

import numpy as np
import pytest

from tracker.matching import embedding
from tracker.matching.embedding import (
    DEFAULT_MODEL_SHA256,
    DEFAULT_TOKENIZER_SHA256,
    INT8_FORM,
    TEXT_FORM,
    EmbeddingUnavailable,
    load_encoder,
)

PARAPHRASES = [
    ("Qatar has been in touch with HTS.", "Doha has had contacts with the rebel group."),
    (
        "The council voted to close the library on Sundays.",
        "Councillors decided the library will no longer open on Sundays.",
    ),
    (
        "The factory will cut 300 jobs by the end of the year.",
        "Three hundred workers at the plant are to lose their jobs before December.",
    ),
]
UNRELATED = [
    "Heavy rain flooded the coastal road overnight.",
    "The striker signed a new four-year contract with the club.",
    "Inflation eased slightly in the spring, the statistics office said.",
]


@pytest.fixture(scope="module")
def encoder() -> embedding.Encoder:
    return load_encoder()


def _copy_model(folder: Path) -> None:
    model, tokenizer = embedding._default_paths()
    shutil.copyfile(model, folder / "model.onnx")
    shutil.copyfile(tokenizer, folder / "tokenizer.json")
    (folder / "SHA256SUMS").write_text(
        f"{DEFAULT_MODEL_SHA256}  model.onnx\n{DEFAULT_TOKENIZER_SHA256}  tokenizer.json\n"
    )


def test_model_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.delenv(embedding.MODEL_ENV, raising=False)
    enc = load_encoder()
    assert enc.dim == 384
    assert enc.model_id == (
        f"all-MiniLM-L6-v2-int8@{DEFAULT_MODEL_SHA256[:12]}+{INT8_FORM}/{TEXT_FORM}"
    )
    assert enc.encode(["Qatar spoke with HTS."]).shape == (1, 384)


def test_encode_rows_are_unit_vectors_in_input_order(encoder: embedding.Encoder) -> None:
    texts = [a for a, _ in PARAPHRASES] + UNRELATED + ["", "Short."]
    vectors = encoder.encode(texts, batch_size=3)
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # a text's vector does not depend on the texts encoded with it: the int8 model
    # quantizes its activations per run, so each text runs alone
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.array_equal(vectors, alone)
    assert encoder.encode([]).shape == (0, 384)


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("The mayor said \u201cno deal\u201d on Monday.", 'The mayor said "no deal" on Monday.'),
        ("The mayor said \u2018no deal\u2019 on Monday.", 'The mayor said "no deal" on Monday.'),
        ("The mayor said 'no deal' on Monday.  ", 'The mayor said "no deal" on Monday.'),
        ("The mayor\u2019s office\u00a0declined.", "The mayor's office declined."),
        ("  Rates rose\n\tagain. ", "Rates rose again."),
    ],
)
def test_typography_does_not_change_a_vector(
    encoder: embedding.Encoder, variant: str, plain: str
) -> None:
    assert embedding.prepare(variant) == plain
    a, b = encoder.encode([variant, plain])
    assert np.array_equal(a, b)


def test_apostrophes_stay_apostrophes() -> None:
    assert embedding.prepare("It's O'Brien's pay, 'not' the rest") == (
        "It's O'Brien's pay, \"not\" the rest"
    )


def test_many_batches_on_every_session_give_the_same_rows(encoder: embedding.Encoder) -> None:
    texts = [f"The council approved budget line {i} for the harbour." for i in range(40)]
    texts += UNRELATED * 3
    together = encoder.encode(texts, batch_size=2)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.array_equal(together, alone)
    assert encoder._made <= max(1, embedding._workers())


def test_paraphrases_are_closer_than_unrelated_sentences(encoder: embedding.Encoder) -> None:
    for a, b in PARAPHRASES:
        va, vb, others = encoder.encode([a])[0], encoder.encode([b])[0], encoder.encode(UNRELATED)
        same = float(va @ vb)
        assert same > float((others @ va).max()) + 0.1, (a, b)


def test_a_folder_pinned_by_sha256sums_loads(tmp_path: Path, encoder: embedding.Encoder) -> None:
    _copy_model(tmp_path)
    enc = load_encoder(tmp_path)
    # the built-in files under another folder make the same vectors: the same model id
    assert enc.model_id == encoder.model_id
    text = [PARAPHRASES[0][0]]
    assert np.allclose(enc.encode(text), encoder.encode(text), atol=1e-6)
    # another tokenizer beside the same weights is another model: named by its folder
    other = tmp_path / "other-tokenizer"
    other.mkdir()
    shutil.copyfile(tmp_path / "model.onnx", other / "model.onnx")
    config = json.loads((tmp_path / "tokenizer.json").read_text(encoding="utf-8"))
    config["truncation"]["max_length"] = 64
    (other / "tokenizer.json").write_text(json.dumps(config), encoding="utf-8")
    digest = hashlib.sha256((other / "tokenizer.json").read_bytes()).hexdigest()
    (other / "SHA256SUMS").write_text(
        f"{DEFAULT_MODEL_SHA256}  model.onnx\n{digest}  tokenizer.json\n"
    )
    assert load_encoder(other).model_id == (
        f"other-tokenizer@{DEFAULT_MODEL_SHA256[:12]}/{TEXT_FORM}"
    )


def test_a_corrupted_model_is_refused_with_a_clear_reason(tmp_path: Path) -> None:
    _copy_model(tmp_path)
    model = tmp_path / "model.onnx"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model.write_bytes(bytes(data))
    with pytest.raises(EmbeddingUnavailable, match="fails its checksum") as info:
        load_encoder(tmp_path)
    assert "\n" not in str(info.value)
    assert str(model) in str(info.value)


def test_a_folder_without_pins_or_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingUnavailable, match="does not exist"):
        load_encoder(tmp_path / "missing")
    with pytest.raises(EmbeddingUnavailable, match="SHA256SUMS"):
        load_encoder(tmp_path)
    _copy_model(tmp_path)
    (tmp_path / "tokenizer.json").unlink()
    with pytest.raises(EmbeddingUnavailable, match="tokenizer not found"):
        load_encoder(tmp_path)


def test_shared_encoder_reports_why_it_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_model(tmp_path)
    (tmp_path / "tokenizer.json").write_text("{}")
    monkeypatch.setenv(embedding.MODEL_ENV, str(tmp_path))
    embedding.reset_encoder()
    try:
        assert embedding.get_encoder() is None
        reason = embedding.unavailable_reason()
        assert reason is not None and "tokenizer" in reason and "checksum" in reason
    finally:
        monkeypatch.delenv(embedding.MODEL_ENV)
        embedding.reset_encoder()
    assert embedding.get_encoder() is not None
    assert embedding.unavailable_reason() is None


def test_the_int8_model_is_derived_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: embedding.Encoder
) -> None:
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(tmp_path))
    first = load_encoder()
    kept = tmp_path / f"all-MiniLM-L6-v2-int8-{DEFAULT_MODEL_SHA256[:12]}-{INT8_FORM}.onnx"
    pin = kept.with_name(kept.name + ".sha256")
    assert pin.read_text().strip() == hashlib.sha256(kept.read_bytes()).hexdigest()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    def no_second_derivation(*args: object) -> Path:
        raise AssertionError("the kept int8 model was derived again")

    monkeypatch.setattr(embedding, "_derive_in_child", no_second_derivation)
    second = load_encoder()
    text = [PARAPHRASES[1][0]]
    assert np.array_equal(first.encode(text), second.encode(text))
    assert np.array_equal(second.encode(text), encoder.encode(text))


def test_the_quantizer_never_runs_in_the_loading_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    # a review UI loads the model in a worker thread: the quantizer, Python holding the
    # GIL, would freeze it, so it runs in a process of its own and onnx never loads here
    code = (
        "import sys\n"
        "from tracker.matching.embedding import load_encoder\n"
        "enc = load_encoder()\n"
        "assert enc.runs_alone, enc.model_id\n"
        "assert 'onnx' not in sys.modules and 'onnxruntime.quantization' not in sys.modules\n"
    )
    env = {**os.environ, embedding.MODEL_CACHE_ENV: str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*.onnx"))) == 1


def test_work_left_by_a_killed_derivation_is_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(tmp_path))
    old, fresh = tmp_path / ".derive-old", tmp_path / ".derive-fresh"
    for work in (old, fresh):
        work.mkdir()
        (work / "folded.onnx").write_bytes(b"half written")
    hours_ago = old.stat().st_mtime - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    load_encoder()
    assert not old.exists()
    assert fresh.exists()  # perhaps another process's derivation, still running


def test_clearing_the_cache_under_a_running_encoder_breaks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: embedding.Encoder
) -> None:
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(tmp_path))
    enc = load_encoder()
    for kept in tmp_path.iterdir():
        kept.unlink()
    texts = [f"The harbour board approved berth {i} for the ferries." for i in range(12)]
    vectors = enc.encode(texts)  # on every core: sessions made after the file is gone
    assert enc._made == max(1, embedding._workers())
    assert np.array_equal(vectors, encoder.encode(texts))


def test_without_onnx_the_float_graph_runs_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an install without the onnx package: the derivation (in its own process) fails
    fake = tmp_path / "shadow" / "onnx"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("no onnx in this install")\n')
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(tmp_path / "cache"))
    enc = load_encoder()
    assert not enc.runs_alone
    assert enc.model_id == f"all-MiniLM-L6-v2-int8@{DEFAULT_MODEL_SHA256[:12]}/{TEXT_FORM}"
    assert enc.note is not None
    assert "cannot derive the int8 model" in enc.note and "no onnx in this install" in enc.note
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-made left behind
    assert enc.encode(["Qatar spoke with HTS."]).shape == (1, 384)


def test_a_damaged_int8_model_is_derived_again_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: embedding.Encoder
) -> None:
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(tmp_path))
    load_encoder()
    kept = next(tmp_path.glob("*.onnx"))
    good = kept.read_bytes()
    data = bytearray(good)
    data[len(data) // 2] ^= 0xFF
    kept.write_bytes(bytes(data))
    enc = load_encoder()
    assert kept.read_bytes() == good
    text = [PARAPHRASES[2][1]]
    assert np.array_equal(enc.encode(text), encoder.encode(text))


def test_without_a_writable_cache_the_shipped_graph_runs_under_its_own_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: embedding.Encoder
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(blocker / "models"))
    enc = load_encoder()
    assert enc.model_id == f"all-MiniLM-L6-v2-int8@{DEFAULT_MODEL_SHA256[:12]}/{TEXT_FORM}"
    assert enc.model_id != encoder.model_id  # other vectors: never mixed with the int8 ones
    assert enc.note is not None and "cannot write the model cache" in enc.note
    assert str(blocker) in enc.note and "\n" not in enc.note
    assert encoder.note is None
    texts = [a for a, _ in PARAPHRASES] + UNRELATED
    cosines = (enc.encode(texts) * encoder.encode(texts)).sum(axis=1)
    assert cosines.min() > 0.97, cosines


def test_importing_matching_loads_no_model_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tracker.matching\n"
        "heavy = [m for m in ('numpy', 'onnxruntime', 'tokenizers') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
