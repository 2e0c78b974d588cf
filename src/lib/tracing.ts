// OpenTelemetry tracing, in one place: the API's and the grader's entry points start it, and every other module
// only opens spans through the helpers below. It is on when an OTLP endpoint is configured with the standard
// variables (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and off otherwise: then no SDK is
// loaded, no provider is registered, and each helper is one boolean test before it calls the traced function
// (docs/operations.md, "Tracing", has the measured cost).
import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

export type { Span };
export { SpanKind, SpanStatusCode };

/** The tracer's name (the instrumentation scope every span carries). */
export const TRACER_NAME = "infra-dojo";

/** Names of the spans, one list for the API and the grader (docs/operations.md shows the tree). */
export const SPAN = {
  /** The GraphQL request (renamed to `<operation type> <operation name>` once the operation is known). */
  graphqlRequest: "graphql.request",
  graphqlParse: "graphql.parse",
  graphqlValidate: "graphql.validate",
  graphqlExecute: "graphql.execute",
  enqueue: "enqueue",
  /** The grader's handling of one job: the remote child of `enqueue`. */
  gradeJob: "grade",
  claim: "claim",
  judge: "judge",
  typeCheck: "type-check",
  runTests: "run tests",
  referenceTiming: "reference timing",
  writeResult: "write result",
  publishEvent: "publish event",
} as const;

/** The W3C trace context of a span, as carried in a queue job (`traceparent`, and `tracestate` when set). */
export type TraceCarrier = Record<string, string>;

export type Tracing = {
  /** Exports what is still buffered and unregisters the provider. */
  shutdown(): Promise<void>;
};

let enabled = false;

/** Whether a tracer provider is registered (by startTracing): every helper below is a pass-through otherwise. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** The standard variables that turn OTLP export on; OTEL_SDK_DISABLED=true keeps it off anyway. */
export function otlpEndpointConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/**
 * Registers a tracer provider for `role` when an OTLP endpoint is configured (or when `exporter` is given, as
 * tests do), and returns null without loading the SDK otherwise. Spans go out in batches (OTEL_BSP_* tune them)
 * to the OTLP/HTTP protobuf exporter, which reads OTEL_EXPORTER_OTLP_* itself; a test's exporter gets each span
 * as it ends. The service is named `infra-dojo-<role>` unless OTEL_SERVICE_NAME says otherwise.
 */
export async function startTracing(
  role: "api" | "grader",
  options: { env?: NodeJS.ProcessEnv; exporter?: SpanExporter } = {},
): Promise<Tracing | null> {
  if (enabled) throw new Error("tracing is already started in this process");
  if (!options.exporter && !otlpEndpointConfigured(options.env)) return null;
  // Loaded only when on: a process without an endpoint never pays for the SDK's modules.
  const [{ NodeTracerProvider }, { BatchSpanProcessor, SimpleSpanProcessor }, resources, { ATTR_SERVICE_NAME }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/semantic-conventions"),
    ]);
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new (await import("@opentelemetry/exporter-trace-otlp-proto")).OTLPTraceExporter());
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the environment detector) win over the role's name.
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ [ATTR_SERVICE_NAME]: `infra-dojo-${role}` }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The global provider, AsyncLocalStorage as the context manager, W3C trace context and baggage as propagators.
  provider.register();
  enabled = true;
  return {
    async shutdown() {
      if (!enabled) return;
      enabled = false;
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}

const tracer = () => trace.getTracer(TRACER_NAME);

function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `work` in a span named `name` (its parent: the active span, or the one `remoteParent` names), which ends when
 * `work` settles and records an error it throws. With tracing off: `work()`, nothing else.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span | null) => Promise<T>,
  options: { kind?: SpanKind; remoteParent?: TraceCarrier } = {},
): Promise<T> {
  if (!enabled) return work(null);
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes },
    contextFromCarrier(options.remoteParent),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        recordFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * A span for work that outlives the call that starts it (a check that runs beside other work): the caller ends
 * it. Not made active. Null with tracing off.
 */
export function startDetachedSpan(name: string, attributes: Attributes = {}): Span | null {
  return enabled ? tracer().startSpan(name, { attributes }) : null;
}

/** Ends `span` when `pending` settles (recording a rejection); returns `pending` itself. */
export function endWhenSettled<P extends PromiseLike<unknown>>(span: Span | null, pending: P): P {
  if (span) {
    pending.then(
      () => span.end(),
      (error: unknown) => {
        recordFailure(span, error);
        span.end();
      },
    );
  }
  return pending;
}

/**
 * A span made active for a callback-style request (Express), its parent the `traceparent` the request carries:
 * `run` is called in its context and ends the span when the request is over.
 */
export function runInNewSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; remoteParent?: Record<string, string | string[] | undefined> },
  run: (span: Span) => T,
): T {
  const parent = contextFromCarrier(options.remoteParent);
  const span = tracer().startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  return context.with(trace.setSpan(parent, span), () => run(span));
}

/** The span of the active context (the GraphQL request's, inside its handlers), if it records. */
export function activeSpan(): Span | null {
  if (!enabled) return null;
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span : null;
}

/** The active span's W3C trace context to carry across a process boundary (undefined with tracing off). */
export function traceCarrier(): TraceCarrier | undefined {
  if (!enabled) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

/** The context a carrier (a job's, or a request's headers) names as the parent; the active one without it. */
function contextFromCarrier(carrier: Record<string, string | string[] | undefined> | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier) : context.active();
}
