import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
import { AppError } from "../errors.ts";
import { bearerToken } from "../live/auth.ts";
import type { Db } from "../store/database.ts";
import type { TenantScope } from "../store/scope.ts";
import { verifyApiKey } from "./keys.ts";
import { ROUTE_ACCESS, type RouteAccess } from "./policy.ts";
import { scopeOf, type Principal, type Role } from "./roles.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The key's owner, set by the access hook on every route that takes a key. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Each route with the access rule it got, in registration order. */
    accessRules: Array<{ method: string; url: string; access: RouteAccess }>;
  }
}

/** Checks a presented key; the live socket uses the same check through its own handshake. */
export type KeyVerifier = (key: string) => Promise<Principal | null>;

export function keyVerifier(db: Db, secret: string): KeyVerifier {
  return (key) => verifyApiKey(db, secret, key);
}

function authorizer(verify: KeyVerifier, roles: readonly string[]): onRequestHookHandler {
  return async function authorize(request: FastifyRequest, reply: FastifyReply) {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      reply.header("www-authenticate", 'Bearer realm="api"');
      throw new AppError("UNAUTHORIZED", "send an API key as `Authorization: Bearer cca_...`");
    }
    const principal = await verify(token);
    if (!principal) {
      reply.header("www-authenticate", 'Bearer realm="api", error="invalid_token"');
      throw new AppError("UNAUTHORIZED", "the API key is unknown or revoked");
    }
    if (!roles.includes(principal.role)) {
      throw new AppError("FORBIDDEN", `a ${principal.role} key may not call ${request.method} ${request.routeOptions.url}`);
    }
    request.principal = principal;
  };
}

/**
 * Gives every route its check from the access table as it is registered (must run before the
 * routes are added). A route missing from the table stops the server from starting.
 */
export function installAccessControl(app: FastifyInstance, verify: KeyVerifier): void {
  app.decorateRequest("principal", null);
  app.decorate("accessRules", []);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // HEAD (fastify adds one beside each GET) answers what GET would, so it takes GET's rule.
    const rules = methods.map((method) => {
      const key = `${method === "HEAD" ? "GET" : method} ${route.url}`;
      const access = ROUTE_ACCESS[key];
      if (access === undefined) throw new Error(`route ${key} has no access rule in src/access/policy.ts`);
      app.accessRules.push({ method, url: route.url, access });
      return access;
    });
    const roles = rules.find((access): access is readonly Role[] => Array.isArray(access));
    if (!roles) return;
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [authorizer(verify, roles), ...existing];
  });
}

/** The caller of a route that takes a key (the hook has run). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError("INTERNAL", `no principal on ${request.routeOptions.url}`);
  return request.principal;
}

export function scopeOfRequest(request: FastifyRequest): TenantScope {
  return scopeOf(principalOf(request));
}
