import type { FastifyInstance } from "fastify";
import type { ConsoleContext } from "./context.js";

export async function dashboardRoutes(_app: FastifyInstance, _ctx: ConsoleContext): Promise<void> {}
