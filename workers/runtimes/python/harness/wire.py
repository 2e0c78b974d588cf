"""Values on the wire, both directions: a frame's body is a JSON head and a binary tail.

  body = 4-byte big-endian length of the head, the head (UTF-8 JSON), the tail (the bytes of its arrays)

The head has two tags:
  {"$f": "nan" | "inf" | "-inf"}                                  a float JSON cannot spell
  {"$nd": {"shape": [..], "dtype": "float64" | "int64" | "bool", "at": .., "bytes": ..}}
                                                                  a numpy array: `bytes` bytes of the tail
                                                                  from offset `at`, row-major little-endian
                                                                  float64 (every dtype travels as float64:
                                                                  exact for integers below 2**53)

Arrays travel as raw bytes, not base64 in the JSON: for matmul's 256³ inputs and answer that cost 15.7 ms of a
run's CPU here (decoding 8.4, encoding 7.3), against ~14 ms of compute.

Arguments are adapted to the problem's declared argument kinds (ARG_KINDS); results are turned into plain
data with exact type checks only, so no learner method (__eq__, __len__, __float__, __array__, ...) is
called on the way out, and their size is capped before anything is written.
"""

import copy
import json
import math
import re
import struct

import numpy as np

NDARRAY_TAG = "$nd"
FLOAT_TAG = "$f"
MAX_DEPTH = 64
NUMBER_BYTES = 25  # the longest repr of a float64, plus a separator
HEAD_LENGTH = struct.Struct(">I")
_SPECIAL = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
_DTYPES = {"float64": np.float64, "int64": np.int64, "bool": np.bool_}
_SAFE_INT = 2**53
_NUMPY_SCALARS = frozenset(t for t in np.sctypeDict.values() if issubclass(t, np.generic))


class BadInput(Exception):
    """Test arguments that do not match the problem's declaration: a fault of the problem, not the learner."""


class Unconvertible(Exception):
    """The learner's result holds something that is not plain data."""


class TooLarge(Exception):
    """The learner's result is larger than the cap."""


# ---------------------------------------------------------------------------------------------- frames


class Tail:
    """The bytes of a frame's arrays, gathered while its head is built (see encode_frame)."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def add(self, data):
        offset = self.size
        self.parts.append(data)
        self.size += len(data)
        return offset


def encode_frame(head, tail=None):
    """A frame body: `head` as JSON (its array tags pointing into `tail`), then the tail's bytes."""
    text = json.dumps(head, separators=(",", ":"), allow_nan=False).encode()
    return b"".join([HEAD_LENGTH.pack(len(text)), text, *(tail.parts if tail is not None else ())])


def _array_from(spec, tail):
    dtype = _DTYPES.get(spec.get("dtype", "float64"))
    if dtype is None:
        raise BadInput(f"unknown array dtype {spec.get('dtype')!r}")
    at, size = spec.get("at"), spec.get("bytes")
    if type(at) is not int or type(size) is not int or at < 0 or size < 0 or at + size > len(tail) or size % 8:
        raise BadInput("an array tag points outside the frame")
    flat = np.frombuffer(tail, dtype="<f8", count=size // 8, offset=at)
    # astype copies: the argument owns its memory (a call may change it in place) and the frame can be freed.
    return flat.reshape(spec["shape"]).astype(dtype)


def decode_frame(body):
    """A frame body as Python data, its tags revived (arrays read from its tail)."""
    view = memoryview(body)
    if len(view) < HEAD_LENGTH.size:
        raise BadInput("frame shorter than its head's length")
    (length,) = HEAD_LENGTH.unpack(view[: HEAD_LENGTH.size])
    end = HEAD_LENGTH.size + length
    if end > len(view):
        raise BadInput("frame shorter than its head")
    tail = view[end:]

    def revive(mapping):
        if len(mapping) == 1:
            if FLOAT_TAG in mapping and mapping[FLOAT_TAG] in _SPECIAL:
                return _SPECIAL[mapping[FLOAT_TAG]]
            if NDARRAY_TAG in mapping:
                return _array_from(mapping[NDARRAY_TAG], tail)
        return mapping

    return json.loads(bytes(view[HEAD_LENGTH.size : end]), object_hook=revive)


def split_frames(data):
    """The bodies of the frames that make up `data`, a whole stream read at once: each body follows its length
    (4 bytes, big-endian), as on the child's pipes."""
    view, bodies, at = memoryview(data), [], 0
    while at < len(view):
        (length,) = HEAD_LENGTH.unpack(view[at : at + HEAD_LENGTH.size])
        at += HEAD_LENGTH.size
        if at + length > len(view):
            raise BadInput("a frame is cut short")
        bodies.append(view[at : at + length])
        at += length
    return bodies


def length_prefixed(body):
    """`body` with its length before it (split_frames reads it back)."""
    return HEAD_LENGTH.pack(len(body)) + body


# ------------------------------------------------------------------------------------------- arguments


_ARRAY_KIND = re.compile(r"^(ndarray|intarray|boolarray)([1-4])d$")
_ARRAY_DTYPES = {"ndarray": np.float64, "intarray": np.int64, "boolarray": np.bool_}


def _adapt(value, kind):
    if kind == "json":
        return copy.deepcopy(value)
    if kind == "float":
        if type(value) not in (int, float):
            raise BadInput(f"expected a number, got {type(value).__name__}")
        return float(value)
    if kind == "int":
        if type(value) is not int:
            raise BadInput(f"expected an integer, got {type(value).__name__}")
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise BadInput(f"expected a boolean, got {type(value).__name__}")
        return value
    if kind == "str":
        if type(value) is not str:
            raise BadInput(f"expected a string, got {type(value).__name__}")
        return value
    if kind == "list":
        return value.tolist() if isinstance(value, np.ndarray) else copy.deepcopy(value)
    if kind == "ndarray":
        return np.array(value, dtype=np.float64)
    match = _ARRAY_KIND.match(kind)
    if match is None:
        raise BadInput(f"unknown argument kind {kind!r}")
    array = np.array(value, dtype=_ARRAY_DTYPES[match.group(1)])
    if array.ndim != int(match.group(2)):
        raise BadInput(f"expected a {match.group(2)}-D array, got {array.ndim}-D")
    return array


def adapt_arguments(values, kinds):
    """Fresh learner-form arguments for one call (a call may change its arguments in place)."""
    if kinds is None:
        return [_adapt(value, "json") for value in values]
    if len(kinds) != len(values):
        raise BadInput(f"{len(values)} arguments for {len(kinds)} declared kinds")
    return [_adapt(value, kind) for value, kind in zip(values, kinds)]


# --------------------------------------------------------------------------------------------- results


class _Budget:
    def __init__(self, limit, tail):
        self.left = limit
        self.tail = tail

    def take(self, amount):
        self.left -= amount
        if self.left < 0:
            raise TooLarge()


def _float(value):
    if math.isfinite(value):
        return value
    return {FLOAT_TAG: "nan" if value != value else ("inf" if value > 0 else "-inf")}


def _array(array, budget, path, depth):
    kind = array.dtype.kind
    if kind in "fiub":
        budget.take(array.size * 8 + 64)
        data = np.ascontiguousarray(array, dtype="<f8").tobytes()
        dtype = "float64" if kind == "f" else ("bool" if kind == "b" else "int64")
        at = budget.tail.add(data)
        return {NDARRAY_TAG: {"shape": list(array.shape), "dtype": dtype, "at": at, "bytes": len(data)}}
    if kind in "OUS":
        return _plain(array.tolist(), budget, path, depth)
    raise Unconvertible(f"a numpy array of dtype {array.dtype} at {path}")


def _plain(value, budget, path, depth):
    if depth > MAX_DEPTH:
        raise Unconvertible(f"a value nested deeper than {MAX_DEPTH} levels at {path}")
    kind = type(value)
    if value is None or kind is bool:
        budget.take(6)
        return value
    if kind is float:
        budget.take(NUMBER_BYTES)
        return _float(value)
    if kind is int:
        budget.take(NUMBER_BYTES)
        if -_SAFE_INT <= value <= _SAFE_INT:
            return value
        try:
            return _float(float(value))
        except OverflowError:
            return _float(math.inf if value > 0 else -math.inf)
    if kind is str:
        budget.take(6 * len(value) + 2)
        return value
    if kind is list or kind is tuple:
        budget.take(2 + len(value))
        if len(value) > 32 and all(type(item) is float for item in value):
            budget.take(NUMBER_BYTES * len(value))
            return [_float(item) for item in value]
        return [_plain(item, budget, f"{path}[{index}]", depth + 1) for index, item in enumerate(value)]
    if kind is dict:
        budget.take(2 + len(value))
        result = {}
        for key, item in value.items():
            if type(key) is not str:
                raise Unconvertible(f"a dict key of type {type(key).__name__[:80]} at {path}")
            budget.take(6 * len(key) + 3)
            result[key] = _plain(item, budget, f"{path}[{key[:40]!r}]", depth + 1)
        return result
    if isinstance(value, np.ndarray):
        # A subclass is read through the base type: none of its methods runs.
        base = value if kind is np.ndarray else np.ndarray.view(value, np.ndarray)
        return _array(base, budget, path, depth)
    if kind in _NUMPY_SCALARS:
        return _plain(value.item(), budget, path, depth + 1)
    raise Unconvertible(f"a value of type {kind.__name__[:80]} at {path}")


def plain_result(value, max_bytes, tail):
    """The result as plain data, its arrays' bytes added to `tail`; at most `max_bytes` long on the wire (raises
    TooLarge, Unconvertible)."""
    return _plain(value, _Budget(max_bytes, tail), "result", 0)
