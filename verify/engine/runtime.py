"""The engine's neural models at run time: a tokenizer and an int8 ONNX graph, on the CPU."""

import json
import os
import threading
from pathlib import Path

import numpy as np

# The models ship in the repository; nothing may ever be fetched from a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

MODEL_ROOT = Path(__file__).resolve().parent / "model"
GRAPH_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "config.json"
# Small batches of similar length: the cost is padded tokens, and a claim's 20 passages vary in
# length (8 judged 20 passages in two thirds of the time 32 took; encoding speed is the same).
BATCH_SIZE = 8


def threads() -> int:
    """Threads per model: VERIFY_ENGINE_THREADS, else the machine's cores up to 4."""
    configured = os.environ.get("VERIFY_ENGINE_THREADS")
    return int(configured) if configured else min(4, os.cpu_count() or 1)


class OnnxTextModel:
    """A transformer exported to ONNX with its tokenizer and config, loaded from one folder."""

    def __init__(self, directory: str | Path):
        import onnxruntime
        from tokenizers import Tokenizer

        directory = Path(directory)
        for name in (GRAPH_FILE, TOKENIZER_FILE, CONFIG_FILE):
            if not (directory / name).is_file():
                raise FileNotFoundError(f"no model in {directory} (missing {name})")
        self.directory = directory
        self.config = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        self.max_length = int(self.config["max_length"])
        self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(directory / GRAPH_FILE), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}

    def _feeds(self, encodings) -> dict[str, np.ndarray]:
        """Pad a batch to its longest member (not to max_length: most passages are short)."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            ids[row, :n] = encoding.ids
            mask[row, :n] = encoding.attention_mask
            types[row, :n] = encoding.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return {name: value for name, value in feeds.items() if name in self.inputs}

    def run(self, inputs: list, pooled) -> np.ndarray:
        """Outputs for texts or (text, text) pairs, in batches sorted by length."""
        encodings = self.tokenizer.encode_batch(inputs)
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        results: list[np.ndarray | None] = [None] * len(encodings)
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            feeds = self._feeds([encodings[i] for i in rows])
            output = pooled(self.session.run(None, feeds)[0], feeds["attention_mask"])
            for k, row in enumerate(rows):
                results[row] = output[k]
        return np.stack(results)


class Lazy:
    """A model loaded once per process, on first use, from its folder under MODEL_ROOT."""

    def __init__(self, factory):
        self.factory = factory
        self.value = None
        self.lock = threading.Lock()

    def __call__(self):
        if self.value is None:
            with self.lock:
                if self.value is None:
                    self.value = self.factory()
        return self.value
