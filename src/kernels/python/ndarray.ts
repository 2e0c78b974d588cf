// A numpy array as the trusted side holds it (shape, dtype, row-major float64 elements): what a problem's
// Python adapter builds from kernel arguments and reads back from a learner's result.

export type NdArrayDtype = "float64" | "int64" | "bool";

/** A numpy array on the trusted side: its shape and its elements, row-major. */
export class NdArray {
  readonly shape: readonly number[];
  readonly dtype: NdArrayDtype;
  readonly data: Float64Array;

  constructor(shape: readonly number[], data: Float64Array, dtype: NdArrayDtype = "float64") {
    const size = shape.reduce((product, dimension) => product * dimension, 1);
    if (!shape.every((dimension) => Number.isSafeInteger(dimension) && dimension >= 0) || size !== data.length) {
      throw new RangeError(`array of ${data.length} elements does not have shape [${shape.join(", ")}]`);
    }
    this.shape = shape;
    this.data = data;
    this.dtype = dtype;
  }

  /** The array as nested arrays of numbers (booleans for a bool array). */
  toNested(): unknown {
    const dtype = this.dtype;
    const build = (axis: number, offset: number): unknown => {
      if (axis === this.shape.length) return dtype === "bool" ? this.data[offset] !== 0 : this.data[offset];
      const stride = this.shape.slice(axis + 1).reduce((product, dimension) => product * dimension, 1);
      return Array.from({ length: this.shape[axis] }, (_, index) => build(axis + 1, offset + index * stride));
    };
    return build(0, 0);
  }
}
