// Every kernel's Python form, by kernel id (one module per kernel in this folder).
import type { PythonForm } from "./form.ts";
import { matmulPython } from "./matmul.ts";

const forms: PythonForm[] = [matmulPython];

export const pythonForms: ReadonlyMap<string, PythonForm> = new Map(forms.map((form) => [form.kernelId, form]));

export function pythonFormOf(kernelId: string): PythonForm | undefined {
  return pythonForms.get(kernelId);
}

export type { PythonForm, PythonWrongSolution } from "./form.ts";
