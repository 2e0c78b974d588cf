// Source of the harness that runs INSIDE each isolate, next to the learner's script. It is evaluated before
// the learner's code, captures the intrinsics it needs (so later tampering with globals or prototypes
// cannot redirect it), and is never reachable from the learner's code: it is returned to the executor as a
// reference, not stored on the global object.
//
// Every step that touches a learner value (calling the function, awaiting its promise, reading getters,
// Proxy traps, array lengths, the thrown value's message) happens inside `run`, which the executor calls
// with the per-test timeout. `take` then copies out data the harness itself built: plain arrays, plain
// objects, fresh typed arrays and primitives, within an element budget and a byte budget (the output limit),
// so an oversized result never leaves the isolate.
//
// What `take` returns says who wrote its message: origin "sandbox" for the harness's own words (an output
// over the limit, a function in the result), "learner" for a description of what the learner's code threw.
// The learner's code never reaches the harness's objects, so it cannot make its text pass for the sandbox's.
//
// console.log / info / warn / error / debug append to the current test's printed output (cleared by `stage`,
// returned by `take`): a line per call, values as JSON (typed arrays as arrays) or String(value), at most
// MAX_PRINTED UTF-16 units kept; the trusted side cuts it to 8 KiB of UTF-8 and adds the note.
//
// Nothing of the learner's may run outside a timed call: the intrinsics that schedule a callback for later
// (FinalizationRegistry cleanups, Atomics.waitAsync) are removed, and Error.prepareStackTrace is fixed to
// undefined (isolated-vm formats a stack when an error leaves the isolate, after the call's timeout).

export const HARNESS_SOURCE = `(function (maxOutputElements, maxOutputBytes) {
  "use strict";
  const ReflectApply = Reflect.apply;
  const ReflectDefineProperty = Reflect.defineProperty;
  const ObjectKeys = Object.keys;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ArrayIsArray = Array.isArray;
  const IsView = ArrayBuffer.isView;
  const PromiseCtor = Promise;
  const DataViewCtor = DataView;
  const StringCtor = String;
  const PromiseThen = Promise.prototype.then;
  const StringSlice = String.prototype.slice;
  const SymbolToString = Symbol.prototype.toString;
  const BigIntToString = BigInt.prototype.toString;
  const TypedArrayProto = ObjectGetPrototypeOf(Uint8Array.prototype);
  const typedArrayLength = ObjectGetOwnPropertyDescriptor(TypedArrayProto, "length").get;
  const typedArrayTag = ObjectGetOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
  const typedArraySet = TypedArrayProto.set;
  const typedArrayConstructors = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  // Memory that isolated-vm's limit does not count: WebAssembly memories, and resizable or growable
  // buffers (committed by resize/grow, or by transfer of a resizable buffer). No other reference to these
  // intrinsics is reachable once they are deleted here, before the learner's code runs.
  delete globalThis.WebAssembly;
  for (const name of ["resize", "transfer", "transferToFixedLength"]) delete ArrayBuffer.prototype[name];
  if (typeof SharedArrayBuffer === "function") delete SharedArrayBuffer.prototype.grow;
  // Callbacks V8 runs when it pleases, outside any call's timeout: a FinalizationRegistry cleanup ran a
  // loop for 7.6 s against a 2 s limit until the executor was killed. WeakRef goes with it (no kernel needs
  // to observe garbage collection).
  delete globalThis.FinalizationRegistry;
  delete globalThis.WeakRef;
  delete Atomics.waitAsync;
  ReflectDefineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false });
  const MAX_DEPTH = 64;
  const MAX_MESSAGE = 300;
  const MAX_PRINTED = 8193;
  const JSONStringify = JSON.stringify;
  const ArrayFrom = Array.from;
  const ObjectFreeze = Object.freeze;

  let printed = "";
  let printedCut = false;

  function formatted(value) {
    if (typeof value === "string") return value;
    if (typeof value === "object" && value !== null) {
      try {
        const text = JSONStringify(value, (key, item) => {
          if (IsView(item) && !(item instanceof DataViewCtor)) return ArrayFrom(item);
          return typeof item === "bigint" ? StringCtor(item) : item;
        });
        if (typeof text === "string") return text;
      } catch {
        // a cycle or a throwing getter: fall back to String below
      }
    }
    try {
      return StringCtor(value);
    } catch {
      return "[unprintable value]";
    }
  }

  function print(...values) {
    if (printedCut) return;
    let line = "";
    for (let i = 0; i < values.length; i++) line += (i > 0 ? " " : "") + formatted(values[i]);
    line += "\\n";
    const room = MAX_PRINTED - printed.length;
    if (line.length > room) {
      printed += ReflectApply(StringSlice, line, [0, room]);
      printedCut = true;
    } else {
      printed += line;
    }
  }
  ReflectDefineProperty(globalThis, "console", {
    value: ObjectFreeze({ log: print, info: print, warn: print, error: print, debug: print }),
    writable: true,
    configurable: true,
  });

  let fn;
  let staged;
  let result;

  class OutputError {
    constructor(message) { this.message = message; }
  }

  function truncate(text) {
    return text.length > MAX_MESSAGE ? ReflectApply(StringSlice, text, [0, MAX_MESSAGE]) + "…" : text;
  }

  function stringField(value) {
    return typeof value === "string" ? truncate(value) : "";
  }

  // A description of a thrown value that never calls the value's own toString.
  function describeThrown(thrown) {
    try {
      if (typeof thrown === "string") return "threw a string: " + truncate(thrown);
      if (typeof thrown === "symbol") return "threw a symbol: " + truncate(ReflectApply(SymbolToString, thrown, []));
      if (typeof thrown === "object" && thrown !== null) {
        const name = stringField(thrown.name);
        const message = stringField(thrown.message);
        if (name || message) return (name || "Error") + (message ? ": " + message : "");
        return "threw an object that is not an Error";
      }
      return "threw a " + typeof thrown + ": " + truncate(StringCtor(thrown));
    } catch {
      return "threw a value that cannot be described";
    }
  }

  function define(target, key, value) {
    ReflectDefineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  }

  // The learner's outcome of a call: a thrown value is described, an OutputError is the harness's own.
  function failed(thrown) {
    let ours = false;
    try {
      ours = thrown instanceof OutputError;
    } catch {
      // a Proxy's getPrototypeOf trap threw: not ours
    }
    return ours
      ? { ok: false, origin: "sandbox", message: thrown.message }
      : { ok: false, origin: "learner", message: describeThrown(thrown) };
  }

  // Bytes as the copy out holds them, at most: 8 per scalar or slot, 2 per UTF-16 code unit.
  function spend(budget, elements, bytes) {
    budget.left -= elements;
    budget.bytes -= bytes;
    if (budget.left < 0) throw new OutputError("output too large: more than " + maxOutputElements + " elements");
    if (budget.bytes < 0) {
      throw new OutputError("output too large: the result exceeds the output limit of " + maxOutputBytes + " bytes");
    }
  }

  function toPlain(value, depth, budget) {
    spend(budget, 1, 8);
    if (value === null || value === undefined) return value;
    const type = typeof value;
    if (type === "number" || type === "boolean") return value;
    if (type === "bigint") {
      spend(budget, 0, ReflectApply(BigIntToString, value, [16]).length >> 1);
      return value;
    }
    if (type === "string") {
      spend(budget, value.length >> 3, 2 * value.length);
      return value;
    }
    if (type === "function") throw new OutputError("the result contains a function");
    if (type === "symbol") throw new OutputError("the result contains a symbol");
    if (depth > MAX_DEPTH) throw new OutputError("the result is nested more than " + MAX_DEPTH + " levels deep");
    if (IsView(value) && !(value instanceof DataViewCtor)) {
      const tag = ReflectApply(typedArrayTag, value, []);
      const length = ReflectApply(typedArrayLength, value, []);
      spend(budget, length, length * typedArrayConstructors[tag].BYTES_PER_ELEMENT);
      const copy = new typedArrayConstructors[tag](length);
      ReflectApply(typedArraySet, copy, [value]);
      return copy;
    }
    if (ArrayIsArray(value)) {
      const length = value.length;
      if (typeof length !== "number" || length < 0 || length > budget.left) {
        throw new OutputError("output too large: more than " + maxOutputElements + " elements");
      }
      const out = [];
      for (let i = 0; i < length; i++) define(out, i, toPlain(value[i], depth + 1, budget));
      return out;
    }
    const keys = ObjectKeys(value);
    const out = {};
    for (let i = 0; i < keys.length; i++) {
      spend(budget, 0, 2 * keys[i].length);
      define(out, keys[i], toPlain(value[keys[i]], depth + 1, budget));
    }
    return out;
  }

  function settle(value) {
    try {
      result = { ok: true, value: toPlain(value, 0, { left: maxOutputElements, bytes: maxOutputBytes }) };
    } catch (thrown) {
      result = failed(thrown);
    }
  }

  return {
    prepare(candidate) {
      fn = candidate;
      return typeof candidate === "function";
    },
    stage(args) {
      staged = args;
      result = undefined;
      printed = "";
      printedCut = false;
    },
    run() {
      const args = staged;
      staged = undefined;
      let value;
      try {
        value = ReflectApply(fn, undefined, args);
      } catch (thrown) {
        result = failed(thrown);
        return;
      }
      if (typeof value === "object" && value !== null) {
        // Only a genuine promise is awaited: the intrinsic then() rejects any other receiver.
        let done;
        const settled = new PromiseCtor((resolve) => { done = resolve; });
        try {
          ReflectApply(PromiseThen, value, [
            (resolved) => { settle(resolved); done(); },
            (thrown) => { result = failed(thrown); done(); },
          ]);
          return settled;
        } catch {
          // not a promise: converted below
        }
      }
      settle(value);
    },
    take() {
      const taken = result === undefined ? { ok: false, origin: "sandbox", message: "the function did not finish" } : result;
      result = undefined;
      if (printed === "" && !printedCut) return taken;
      return { ...taken, output: printed, outputCut: printedCut };
    },
  };
})`;
