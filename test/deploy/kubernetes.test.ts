import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import { QueueKeys } from "bullmq";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { parse, parseAllDocuments } from "yaml";
import { CONFIG_VARIABLES } from "../../src/config.ts";
import { DEFAULT_STOP_TIMEOUT_MS } from "../../src/lib/shutdown.ts";
import { GRADER_STOP_TIMEOUT_MS, graderPoolSize } from "../../workers/grader/run.ts";

/**
 * deploy/: every manifest the Kustomize base and the example overlay render is valid against the Kubernetes (and
 * KEDA) schemas, and agrees with the code it deploys — variable names, queue keys, probe paths, shutdown times.
 * No cluster is needed: the base is plain manifests listed in kustomization.yaml, and the overlay only adds the
 * Secrets generated from its env files (here from the committed *.env.example).
 */
const ROOT = new URL("../../deploy/", import.meta.url).pathname;
const BASE = join(ROOT, "base");
const OVERLAY = join(ROOT, "overlays/example");

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: a manifest's body is checked by its schema below, not by this type.
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

/** The schema of each kind the deployment uses (a new kind must be added here, so it is validated too). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  "keda.sh/v1alpha1/TriggerAuthentication": TriggerAuthentication,
};

function readYaml(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, "utf8")).map((doc) => {
    expect({ path, errors: doc.errors.map(String) }).toEqual({ path, errors: [] });
    return doc.toJS() as Manifest;
  });
}

const kustomization = (dir: string) => parse(readFileSync(join(dir, "kustomization.yaml"), "utf8"));

/** `KEY=value` lines of an env file (what Kustomize's secretGenerator reads), comments and blanks skipped. */
function envFile(path: string): Record<string, string> {
  const entries = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

/** The base's resources plus the overlay's generated Secrets: what `kubectl kustomize` of the overlay emits. */
function rendered(): Manifest[] {
  const base = (kustomization(BASE).resources as string[]).flatMap((file) => readYaml(join(BASE, file)));
  const secrets = (kustomization(OVERLAY).secretGenerator as { name: string; namespace: string; envs: string[] }[]).map(
    (generator): Manifest => ({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: generator.name, namespace: generator.namespace },
      stringData: Object.assign({}, ...generator.envs.map((env) => envFile(join(OVERLAY, `${env}.example`)))),
    }),
  );
  return [...base, ...secrets];
}

const manifests = rendered();
const find = (kind: string, name: string, namespace?: string) => {
  const found = manifests.find(
    (m) =>
      m.kind === kind && m.metadata.name === name && (namespace === undefined || m.metadata.namespace === namespace),
  );
  if (!found) throw new Error(`no ${kind} ${name}${namespace ? ` in ${namespace}` : ""}`);
  return found;
};
const workloads = manifests.filter((m) => m.kind === "Deployment" || m.kind === "Job");
// biome-ignore lint/suspicious/noExplicitAny: pod templates are schema-checked above; the fields read are named.
const podSpec = (m: Manifest): any => m.spec.template.spec;

describe("deploy/ (Kustomize base + example overlay)", () => {
  it("lists every manifest file of the base in kustomization.yaml, and only those", () => {
    const files = readdirSync(BASE).filter((name) => name.endsWith(".yaml") && name !== "kustomization.yaml");
    expect([...(kustomization(BASE).resources as string[])].sort()).toEqual(files.sort());
  });

  it("validates every rendered object against its Kubernetes or KEDA schema", () => {
    const invalid: string[] = [];
    for (const manifest of manifests) {
      const key = `${manifest.apiVersion}/${manifest.kind}`;
      const Model = MODELS[key];
      if (!Model) {
        invalid.push(`${key} ${manifest.metadata.name}: no schema registered in this test`);
        continue;
      }
      try {
        new Model(manifest as never).validate();
      } catch (error) {
        invalid.push(`${key} ${manifest.metadata.name}: ${String(error)}`);
      }
    }
    expect(invalid).toEqual([]);
    // A validation that cannot fail proves nothing: a port given as a string is refused.
    const api = structuredClone(find("Deployment", "api"));
    podSpec(api).containers[0].ports[0].containerPort = "4000";
    expect(() => new Deployment(api as never).validate()).toThrow(/containerPort must be integer/);
  });

  it("sets only variables the platform reads, and every Secret key a workload asks for exists in its namespace", () => {
    const known = new Set([...CONFIG_VARIABLES, "HOME"]);
    const unknown: string[] = [];
    for (const configMap of manifests.filter((m) => m.kind === "ConfigMap")) {
      for (const key of Object.keys(configMap.data ?? {})) if (!known.has(key)) unknown.push(`ConfigMap ${key}`);
    }
    const missing: string[] = [];
    for (const workload of workloads) {
      const namespace = workload.metadata.namespace;
      for (const container of podSpec(workload).containers) {
        for (const env of container.env ?? []) {
          if (!known.has(env.name)) unknown.push(`${workload.metadata.name} ${env.name}`);
          const ref = env.valueFrom?.secretKeyRef;
          if (ref && !ref.optional && !(ref.key in (find("Secret", ref.name, namespace).stringData ?? {})))
            missing.push(`${workload.metadata.name}: ${ref.name}/${ref.key}`);
        }
        for (const from of container.envFrom ?? []) find("ConfigMap", from.configMapRef.name, namespace);
      }
    }
    for (const auth of manifests.filter((m) => m.kind === "TriggerAuthentication")) {
      for (const ref of auth.spec.secretTargetRef) {
        if (!(ref.key in (find("Secret", ref.name, auth.metadata.namespace).stringData ?? {})))
          missing.push(`TriggerAuthentication ${auth.metadata.name}: ${ref.name}/${ref.key}`);
      }
    }
    expect({ unknown, missing }).toEqual({ unknown: [], missing: [] });
  });

  it("scales graders on BullMQ's own wait and active lists of the configured prefix and queue", () => {
    const config = find("ConfigMap", "infra-dojo-config", "infra-dojo-grading").data ?? {};
    const keys = new QueueKeys(config.REDIS_PREFIX).getKeys(config.QUEUE_NAME ?? "");
    const scaled = find("ScaledObject", "grader", "infra-dojo-grading");
    expect(scaled.spec.triggers.map((t: { metadata: { listName: string } }) => t.metadata.listName)).toEqual([
      keys.wait,
      keys.active,
    ]);
    // The active list's target is a grader's concurrency: one grader per that many running gradings.
    expect(scaled.spec.triggers[1].metadata.listLength).toBe(config.GRADER_CONCURRENCY);
    expect(find("Deployment", scaled.spec.scaleTargetRef.name, "infra-dojo-grading")).toBeDefined();
    expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    expect(scaled.spec.maxReplicaCount).toBeGreaterThan(scaled.spec.minReplicaCount);
    for (const trigger of scaled.spec.triggers)
      find("TriggerAuthentication", trigger.authenticationRef.name, "infra-dojo-grading");
  });

  it("selects each Deployment's pods from its Service, PodDisruptionBudget and autoscaler", () => {
    const labelsOf = (name: string, namespace?: string) =>
      find("Deployment", name, namespace).spec.template.metadata.labels as Record<string, string>;
    const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => labels[key] === value);
    expect(matches(find("Service", "api").spec.selector, labelsOf("api"))).toBe(true);
    expect(matches(find("PodDisruptionBudget", "api").spec.selector.matchLabels, labelsOf("api"))).toBe(true);
    expect(matches(find("PodDisruptionBudget", "grader").spec.selector.matchLabels, labelsOf("grader"))).toBe(true);
    expect(find("HorizontalPodAutoscaler", "api").spec.scaleTargetRef.name).toBe("api");
    for (const deployment of manifests.filter((m) => m.kind === "Deployment")) {
      expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
  });

  it("keeps Postgres connections within the documented budget at the most replicas the autoscalers allow", () => {
    // docs/kubernetes.md: max_connections = 200, of which 20 stay free for superuser and maintenance sessions.
    const budget = 200 - 20;
    const apiPool = Number(find("ConfigMap", "infra-dojo-config", "infra-dojo").data?.DATABASE_POOL_SIZE);
    const concurrency = Number(find("ConfigMap", "infra-dojo-config", "infra-dojo-grading").data?.GRADER_CONCURRENCY);
    const apis = find("HorizontalPodAutoscaler", "api").spec.maxReplicas;
    const graders = find("ScaledObject", "grader").spec.maxReplicaCount;
    // The migrate Job (prisma migrate deploy, then the seed) holds at most the default pool of 10.
    const used = apis * apiPool + graders * graderPoolSize(concurrency) + 10;
    expect({ used, withinBudget: used <= budget }).toEqual({ used, withinBudget: true });
  });

  it("gives each role time to stop cleanly: the API's preStop plus its stop, the grader's 50 s of finishing", () => {
    const api = podSpec(find("Deployment", "api"));
    const preStop = Number(api.containers[0].lifecycle.preStop.exec.command[1]);
    expect(api.terminationGracePeriodSeconds).toBeGreaterThan(preStop + DEFAULT_STOP_TIMEOUT_MS / 1000);
    const grader = podSpec(find("Deployment", "grader"));
    expect(grader.terminationGracePeriodSeconds).toBeGreaterThan(GRADER_STOP_TIMEOUT_MS / 1000);
  });

  it("probes the API's /healthz (alive) and /readyz (dependencies up), and the grader's metrics port", () => {
    const api = podSpec(find("Deployment", "api")).containers[0];
    expect([api.livenessProbe.httpGet.path, api.readinessProbe.httpGet.path]).toEqual(["/healthz", "/readyz"]);
    const grader = podSpec(find("Deployment", "grader")).containers[0];
    expect(grader.livenessProbe.httpGet.port).toBe("metrics");
    expect(grader.ports).toEqual([
      {
        name: "metrics",
        containerPort: Number(find("ConfigMap", "infra-dojo-config", "infra-dojo-grading").data?.GRADER_METRICS_PORT),
      },
    ]);
  });

  it("runs every container as a non-root user without privilege escalation or capabilities", () => {
    for (const workload of workloads) {
      const spec = podSpec(workload);
      expect({ name: workload.metadata.name, runAsNonRoot: spec.securityContext.runAsNonRoot }).toEqual({
        name: workload.metadata.name,
        runAsNonRoot: true,
      });
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
      }
    }
  });

  it("lifts the default seccomp and AppArmor profiles only for graders, in the one namespace not held to restricted", () => {
    const namespaces = Object.fromEntries(
      manifests
        .filter((m) => m.kind === "Namespace")
        .map((m) => [m.metadata.name, m.metadata.labels?.["pod-security.kubernetes.io/enforce"]]),
    );
    for (const workload of workloads) {
      const { seccompProfile } = podSpec(workload).securityContext;
      const namespace = workload.metadata.namespace ?? "";
      if (workload.metadata.name === "grader") {
        expect([seccompProfile.type, namespaces[namespace]]).toEqual(["Unconfined", "privileged"]);
        expect(podSpec(workload).nodeSelector).toEqual({ "infra-dojo.dev/grading": "true" });
      } else {
        expect([workload.metadata.name, seccompProfile.type, namespaces[namespace]]).toEqual([
          workload.metadata.name,
          "RuntimeDefault",
          "restricted",
        ]);
      }
    }
  });
});
