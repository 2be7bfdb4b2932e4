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

    def _feeds(self, encoding) -> dict[str, np.ndarray]:
        """One tokenized input as a batch of one, unpadded."""
        feeds = {
            "input_ids": np.asarray([encoding.ids], dtype=np.int64),
            "attention_mask": np.asarray([encoding.attention_mask], dtype=np.int64),
            "token_type_ids": np.asarray([encoding.type_ids], dtype=np.int64),
        }
        return {name: value for name, value in feeds.items() if name in self.inputs}

    def run(self, inputs: list, pooled) -> np.ndarray:
        """Outputs for texts or (text, text) pairs, each input run on its own.

        Dynamic int8 quantization scales activations by the whole batch, so in a batch one
        input's output would depend on the others (up to 0.31 in a stance probability, and
        0.03 in an embedding's cosine). Alone, every input gets the same answer every time, at
        22% (stance) to 30% (embeddings) less throughput than batches of 8.
        """
        outputs = []
        for encoding in self.tokenizer.encode_batch(inputs):
            feeds = self._feeds(encoding)
            outputs.append(pooled(self.session.run(None, feeds)[0], feeds["attention_mask"])[0])
        return np.stack(outputs)


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
