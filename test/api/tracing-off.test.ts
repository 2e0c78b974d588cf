// Without an OTLP endpoint tracing is off: no tracer provider is registered, no span is recorded, and the API
// serves requests (a caller's traceparent header included) as it does without any tracing code.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { context, type ProxyTracerProvider, propagation, trace } from "@opentelemetry/api";
import {
  otlpEndpointConfigured,
  startTracing,
  TRACER_NAME,
  traceCarrier,
  tracingEnabled,
} from "../../src/lib/tracing.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";

const noEndpoint: NodeJS.ProcessEnv = { OTEL_SERVICE_NAME: "infra-dojo-test" };

/** The SDK's provider behind the API's global proxy, if one was registered. */
const registeredTracer = () => (trace.getTracerProvider() as ProxyTracerProvider).getDelegateTracer(TRACER_NAME);

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t?.close();
});

describe("tracing with no endpoint configured", () => {
  it("reads the standard variables, and OTEL_SDK_DISABLED wins", () => {
    expect(otlpEndpointConfigured(noEndpoint)).toBe(false);
    expect(otlpEndpointConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: " " })).toBe(false);
    expect(otlpEndpointConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" })).toBe(true);
    expect(otlpEndpointConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:4318/v1/traces" })).toBe(
      true,
    );
    expect(
      otlpEndpointConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBe(false);
  });

  it("registers no tracer provider, and its spans record nothing", async () => {
    expect(await startTracing("api", { env: noEndpoint })).toBeNull();
    expect(await startTracing("grader", { env: noEndpoint })).toBeNull();
    expect(tracingEnabled()).toBe(false);
    expect(registeredTracer()).toBeUndefined();
    const span = trace.getTracer(TRACER_NAME).startSpan("probe");
    expect(span.isRecording()).toBe(false);
    span.end();
    // No propagator either: nothing would be carried in a job.
    expect(propagation.fields()).toEqual([]);
    expect(context.with(trace.setSpan(context.active(), span), traceCarrier)).toBeUndefined();
  });

  it("serves a request that carries a traceparent without starting any tracing", async () => {
    const response = await fetch(t.api.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    expect(registeredTracer()).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
  });
});
