import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../http/server-deps";

/** Evidence upload and download (filled in by the evidence use cases). */
export function evidenceRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}
