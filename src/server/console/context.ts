/**
 * What every console page handler shares: the composition (once open), the logged-in user and
 * their session, rendering a page, refusing what the role does not allow, and the audit line.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../compose.js";
import type { User } from "../../users/types.js";
import { actorOf } from "../../users/service.js";
import type { ServerDeps } from "../types.js";
import { HttpProblem } from "../errors.js";
import type { Html } from "./html.js";
import { layout, type PageView } from "./layout.js";
import { CS } from "./strings.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The console user of a request with a valid session. */
    consoleUser: User | null;
    consoleCsrf: string | null;
  }
}

/** A page-level refusal or failure, shown as a console page (not JSON). */
export class ConsoleProblem extends HttpProblem {}

export class ConsoleContext {
  constructor(readonly deps: ServerDeps) {}

  /** The composition; a 503 page while the index loads. */
  app(): App {
    const app = this.deps.app?.() ?? null;
    if (!app) throw new ConsoleProblem(503, "loading", CS.loading, { "retry-after": "5" });
    return app;
  }

  user(req: FastifyRequest): User {
    if (!req.consoleUser) throw new ConsoleProblem(401, "unauthorized", CS.login.expired);
    return req.consoleUser;
  }

  /** Staff may not: policy, FAQ review, the audit log. Checked on the server for every such route, GET and POST. */
  maintainer(req: FastifyRequest): User {
    const user = this.user(req);
    if (user.role !== "maintainer") throw new ConsoleProblem(403, "forbidden", CS.forbidden);
    return user;
  }

  /** The handoff's name for a console user: their replies and claims are recorded as theirs. */
  staffOf(user: User) {
    return { userId: `console:${user.name}`, displayName: user.name };
  }

  async audit(req: FastifyRequest, action: string, target: string | null, detail: string | null = null): Promise<void> {
    await this.app().users.record(actorOf(this.user(req)), action, target, detail);
  }

  page(req: FastifyRequest, reply: FastifyReply, view: Omit<PageView, "user" | "csrf">, { status = 200 }: { status?: number } = {}) {
    const body = layout({ ...view, ...(req.consoleUser ? { user: req.consoleUser } : {}), ...(req.consoleCsrf ? { csrf: req.consoleCsrf } : {}) }, "/console/");
    return reply.code(status).type("text/html; charset=utf-8").send(body.value);
  }

  /** After a form: back to a page (303, so a reload does not post again), with what happened in the query. */
  seeOther(reply: FastifyReply, location: string) {
    return reply.redirect(location, 303);
  }
}

