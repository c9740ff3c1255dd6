/** GET /metrics: Prometheus text format. Meant for the monitoring network: do not expose it through the public proxy. */
import type { FastifyInstance } from "fastify";
import type { PrometheusMetrics } from "../prometheus.js";

export async function metricsPlugin(app: FastifyInstance, { metrics }: { metrics: PrometheusMetrics }): Promise<void> {
  app.get("/metrics", async (_req, reply) => reply.header("content-type", metrics.contentType).send(await metrics.text()));
}
