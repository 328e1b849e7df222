"""The learned triage model (domain/triage/linear.py) and its shipped files."""

import json
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.triage.linear import (
    KIND_MODEL,
    REASON_MODEL,
    LinearModel,
    bucket_counts,
    bundled_model,
    text_features,
    weigh,
)
from tools import train_triage_model


@pytest.fixture(scope="module")
def kind_model() -> LinearModel:
    return bundled_model(KIND_MODEL)


def _tiny_model() -> LinearModel:
    bits = 4
    idf = array("f", [1.0 + i / 10 for i in range(1 << bits)])
    weights = array("f", [((i * 7) % 11 - 5) / 3 for i in range(3 << bits)])
    return LinearModel(["a", "b", "c"], bits, idf, weights, [0.1, -0.2, 0.0],
                       temperature=0.5, fingerprint="f00d")


def test_the_shipped_models_were_trained_on_the_labelled_data_as_it_is_now():
    # Change the corpus or a training set and this fails until the model is trained again
    # (python -m tools.train_triage_model).
    expected = train_triage_model.fingerprints()
    assert bundled_model(KIND_MODEL).fingerprint == expected[KIND_MODEL]
    assert bundled_model(REASON_MODEL).fingerprint == expected[REASON_MODEL]


@pytest.mark.parametrize("name", ["fourteenth", "fifteenth"])
def test_the_independent_sets_are_never_in_the_training_data(name):
    file_name = f"triage_holdout_{name}_author.jsonl"
    assert file_name in train_triage_model.INDEPENDENT
    trained = {text for text, _ in train_triage_model.kind_rows()}
    path = train_triage_model.SETS / file_name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 270
    shared = [row for row in rows if row["text"] in trained]
    # Only what every chat says ("ок", "+", "доброе утро всем") may occur in both.
    assert all(row["kind"] == "noise" and len(row["text"].split()) <= 5 for row in shared)


def test_the_kind_model_knows_every_kind_and_the_reason_model_every_refusal():
    assert set(bundled_model(KIND_MODEL).labels) == {
        "technical", "managerial", "control", "strategic", "new_work", "out_of_scope", "noise"}
    assert set(bundled_model(REASON_MODEL).labels) == {"piracy", "personal_device", "off_topic"}


def test_a_model_written_and_read_back_scores_the_same(kind_model):
    again = LinearModel.loads(kind_model.dumps())
    assert again.labels == kind_model.labels and again.fingerprint == kind_model.fingerprint
    for text in ("не работает телефония", "скиньте кряк", "спасибо!", ""):
        assert again.scores(text) == kind_model.scores(text)
    tiny = _tiny_model()
    assert LinearModel.loads(tiny.dumps()).dumps() == tiny.dumps()


@pytest.mark.parametrize("damage", [
    lambda b: b"not a model at all",
    lambda b: b[:20],
    lambda b: b[:-7],
    lambda b: b[:40] + bytes(x ^ 0x55 for x in b[40:80]) + b[80:],
    lambda b: b"",
])
def test_a_damaged_model_file_is_refused_with_a_clear_error(damage):
    with pytest.raises(ValueError, match="model"):
        LinearModel.loads(damage(_tiny_model().dumps()))


def test_arrays_that_do_not_match_the_labels_are_refused():
    with pytest.raises(ValueError, match="do not match"):
        LinearModel(["a", "b"], 4, array("f", [1.0] * 16), array("f", [0.0] * 16), [0.0, 0.0])


@pytest.mark.parametrize("text", [
    "Не работает телефония у отдела продаж, входящие не доходят",
    "не не не работает работает",  # repeated words and grams: sublinear counts
    "1С:Бухгалтерия 3.0 — ошибка при проведении документа №12",
    "Good morning! Could you check the CRM sync please?",
    "а",
])
def test_the_scorer_sees_exactly_the_features_training_sees(kind_model, text):
    grams, lexical = text_features(text)
    expected: dict[int, float] = {}
    for group in (grams, lexical):
        index, values = weigh(bucket_counts(group, kind_model.bits), kind_model._idf)
        for b, v in zip(index, values, strict=True):
            expected[b] = expected.get(b, 0.0) + v
    for _ in range(2):  # the second time through the per-word cache
        index, values = kind_model.vector(text)
        got: dict[int, float] = {}
        for b, v in zip(index, values, strict=True):
            got[b] = got.get(b, 0.0) + v
        assert got == pytest.approx(expected)


def test_a_text_without_words_scores_only_the_biases(kind_model):
    assert kind_model.vector("!!! 🙂 ...") == ([], [])
    assert kind_model.scores("🙂") == list(kind_model._bias)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_posterior_is_a_distribution_for_any_text(text):
    probs = bundled_model(KIND_MODEL).probabilities(text)
    assert set(probs) == set(bundled_model(KIND_MODEL).labels)
    assert all(0.0 <= p <= 1.0 for p in probs.values())
    assert sum(probs.values()) == pytest.approx(1.0)


def test_the_per_word_cache_stays_bounded(monkeypatch):
    from domain.triage import linear

    monkeypatch.setattr(linear, "_WORD_CACHE_LIMIT", 50)
    model = _tiny_model()
    for i in range(500):
        model.scores(f"слово{i} word{i}")
    assert 0 < len(model._words) <= 50


@pytest.mark.parametrize("text", [
    "Не работает телефония у отдела продаж, входящие не доходят",
    "не не не работает работает работает работает",  # grams recurring within the message
    "ааааааа ааааааа",
    "Good morning! Could you check the CRM sync please?",
    "а",
    "",
])
def test_a_score_is_the_dot_product_of_the_vector_and_the_weights(kind_model, text):
    index, values = kind_model.vector(text)
    plain = [bias + sum(v * row[b] for b, v in zip(index, values, strict=True))
             for bias, row in zip(kind_model._bias, kind_model._rows, strict=True)]
    for _ in range(2):  # cold, then through the per-word cache
        assert kind_model.scores(text) == pytest.approx(plain, abs=1e-5)
