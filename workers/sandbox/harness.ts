// Source of the harness that runs INSIDE each isolate, next to the learner's script. It is evaluated before
// the learner's code, captures the intrinsics it needs (so later tampering with globals or prototypes
// cannot redirect it), and is never reachable from the learner's code: it is returned to the executor as a
// reference, not stored on the global object.
//
// Every step that touches a learner value (calling the function, awaiting its promise, reading getters,
// Proxy traps, array lengths, the thrown value's message) happens inside `run`, which the executor calls
// with the per-test timeout. `take` then copies out data the harness itself built: plain arrays, plain
// objects, fresh typed arrays and primitives, within an element budget.

export const HARNESS_SOURCE = `(function (maxOutputElements) {
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
  const MAX_DEPTH = 64;
  const MAX_MESSAGE = 300;

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
      if (thrown instanceof OutputError) return thrown.message;
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

  function toPlain(value, depth, budget) {
    budget.left -= 1;
    if (budget.left < 0) throw new OutputError("output too large: more than " + maxOutputElements + " elements");
    if (value === null || value === undefined) return value;
    const type = typeof value;
    if (type === "number" || type === "boolean" || type === "bigint") return value;
    if (type === "string") {
      budget.left -= value.length >> 3;
      if (budget.left < 0) throw new OutputError("output too large: more than " + maxOutputElements + " elements");
      return value;
    }
    if (type === "function") throw new OutputError("the result contains a function");
    if (type === "symbol") throw new OutputError("the result contains a symbol");
    if (depth > MAX_DEPTH) throw new OutputError("the result is nested more than " + MAX_DEPTH + " levels deep");
    if (IsView(value) && !(value instanceof DataViewCtor)) {
      const tag = ReflectApply(typedArrayTag, value, []);
      const length = ReflectApply(typedArrayLength, value, []);
      budget.left -= length;
      if (budget.left < 0) throw new OutputError("output too large: more than " + maxOutputElements + " elements");
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
    for (let i = 0; i < keys.length; i++) define(out, keys[i], toPlain(value[keys[i]], depth + 1, budget));
    return out;
  }

  function settle(value) {
    try {
      result = { ok: true, value: toPlain(value, 0, { left: maxOutputElements }) };
    } catch (thrown) {
      result = { ok: false, message: describeThrown(thrown) };
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
    },
    run() {
      const args = staged;
      staged = undefined;
      let value;
      try {
        value = ReflectApply(fn, undefined, args);
      } catch (thrown) {
        result = { ok: false, message: describeThrown(thrown) };
        return;
      }
      if (typeof value === "object" && value !== null) {
        // Only a genuine promise is awaited: the intrinsic then() rejects any other receiver.
        let done;
        const settled = new PromiseCtor((resolve) => { done = resolve; });
        try {
          ReflectApply(PromiseThen, value, [
            (resolved) => { settle(resolved); done(); },
            (thrown) => { result = { ok: false, message: describeThrown(thrown) }; done(); },
          ]);
          return settled;
        } catch {
          // not a promise: converted below
        }
      }
      settle(value);
    },
    take() {
      const taken = result === undefined ? { ok: false, message: "the function did not finish" } : result;
      result = undefined;
      return taken;
    },
  };
})`;
