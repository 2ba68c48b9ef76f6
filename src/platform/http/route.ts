/**
 * Routes are declared once with their zod schemas: the same schemas validate requests and produce
 * the OpenAPI document. Domains declare routes in their routes.ts with defineRoutes().
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../access/policy.ts';
import type { Db } from '../db/types.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { Ctx } from '../store.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HandlerArgs<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** Service context for the signed-in user (absent on public routes). */
  ctx: Ctx;
  actor: Actor;
  db: Db;
  lang: Lang;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B = any, Q = any, P = any> {
  method: Method;
  /** Fastify path, e.g. /api/v1/units/:id */
  url: string;
  summary: string;
  tags: string[];
  /** 'public' routes need no sign-in; others need a session or an API token. */
  auth?: 'public' | 'user';
  /** Permission checked before the handler (services check again, record by record). */
  permission?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response?: z.ZodType;
  /** Status of a successful answer (default 200, or 201 for POST creating something when set). */
  status?: number;
  /** Content type of a non-JSON answer (files); the handler then returns a Buffer or string. */
  produces?: string;
  handler: (args: HandlerArgs<B, Q, P>) => Promise<unknown>;
}

export function route<B = unknown, Q = unknown, P = unknown>(spec: RouteSpec<B, Q, P>): RouteSpec<B, Q, P> {
  return spec;
}
