import type { Role } from "./roles.ts";

/**
 * Who may call each route: "public" (no key), "socket" (the route authenticates its own clients,
 * the live WebSocket), or the roles allowed. The server refuses to start with a route missing
 * here (see access-control.ts), so a new route is closed until someone decides who may call it.
 * Tenant scoping comes on top: a controller or supervisor only finds its own data, and another
 * tenant's ids answer 404 like unknown ones.
 */
export type RouteAccess = "public" | "socket" | readonly Role[];

const STAFF: readonly Role[] = ["admin", "controller", "supervisor"];

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  "GET /health": "public",
  "GET /openapi.json": "public",

  "POST /brands": ["admin"],
  "GET /brands": ["admin", "controller", "supervisor"],
  "POST /subcontractors": ["admin"],
  "GET /subcontractors": ["admin", "controller", "supervisor"],
  "POST /campaigns": ["admin"],
  // Agent-assist clients list their campaigns to open live sessions.
  "GET /campaigns": ["admin", "controller", "supervisor", "agent-assist"],
  "GET /campaigns/:id": ["admin", "controller", "supervisor", "agent-assist"],
  "PATCH /campaigns/:id": ["admin"],
  "POST /campaigns/:id/reanalyze": ["admin", "controller"],

  // Supervisors upload their call centre's recordings; controllers audit, they do not upload.
  "POST /calls": ["admin", "supervisor"],
  "GET /calls": STAFF,
  "GET /calls/:id": STAFF,
  "GET /calls/:id/audio": STAFF,
  "GET /calls/:id/events": STAFF,
  "POST /scripts": STAFF,
  "GET /reports/subcontractors": STAFF,

  "POST /keys": ["admin"],
  "GET /keys": ["admin"],
  "DELETE /keys/:id": ["admin"],
  "GET /access-log": ["admin"],

  // Data-subject requests are the brand's duty as GDPR controller.
  "POST /data-subjects/export": ["admin", "controller"],
  "POST /data-subjects/erase": ["admin", "controller"],
  "PUT /brands/:id/webhook": ["admin", "controller"],
  "GET /brands/:id/webhook": ["admin", "controller"],
  "DELETE /brands/:id/webhook": ["admin", "controller"],

  "GET /live": "socket",
};
