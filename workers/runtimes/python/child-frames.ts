// The frames a child writes (harness/child.py builds them). They are checked field by field before use:
// the learner can write on the same pipe, so a frame is untrusted data whose only power is to choose among
// outcomes the parent spells out itself (see outcomes.ts).
import { z } from "zod";

const printed = { stdout: z.string().optional(), stdoutCut: z.boolean().optional() };
const position = z.number().int().nullable();
/** The token of the input a frame answers (child-run.ts): a frame that does not repeat it is out of turn. */
const token = { token: z.number().int().optional() };

export const childFrame = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("loaded") }),
  z.object({ kind: z.literal("compile_error"), message: z.string(), line: position, column: position }),
  z.object({ kind: z.literal("missing_function"), defined: z.boolean() }),
  z.object({ kind: z.literal("adapted"), ...token }),
  z.object({ kind: z.literal("value"), value: z.unknown(), ...token, ...printed }),
  z.object({
    kind: z.literal("raised"),
    type: z.string(),
    message: z.string(),
    frames: z.array(z.object({ line: z.number().int(), function: z.string() })),
    ...token,
    ...printed,
  }),
  z.object({ kind: z.literal("memory"), ...token, ...printed }),
  z.object({ kind: z.literal("too_large"), ...token, ...printed }),
  z.object({ kind: z.literal("unconvertible"), message: z.string(), ...token, ...printed }),
  z.object({ kind: z.literal("bad_input"), message: z.string(), ...token }),
]);

export type ChildFrame = z.infer<typeof childFrame>;
