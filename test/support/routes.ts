import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { Access, ACCESS_METADATA } from '@sportello/platform';

export interface DeclaredRoute {
  method: string;
  /** Express syntax, e.g. `/test-notes/:id`. */
  path: string;
  controller: string;
  handler: string;
  access: Access | undefined;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : '/'];
}

/** Every route the Nest application declares, with the access its handler (or class) declares. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const reflector = new Reflector();
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const access = reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
          handler,
          controller,
        ]);
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, controller)))
          for (const own of paths(Reflect.getMetadata(PATH_METADATA, handler)))
            routes.push({
              method: RequestMethod[method],
              path: joinPath(base, own),
              controller: controller.name,
              handler: name,
              access,
            });
      }
    }
  }
  return routes;
}

const NEST_MIDDLEWARE_PATH = '/{*path}';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express actually serves (Nest's middleware wildcards left out). */
export function servedRoutes(app: INestApplication): { method: string; path: string }[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const served: { method: string; path: string }[] = [];
  for (const layer of express.router.stack) {
    // Nest mounts module middleware (the request logger) as a catch-all route.
    if (!layer.route || layer.route.path === NEST_MIDDLEWARE_PATH) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled) served.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return served;
}

/** A concrete URL for a route template: every parameter becomes a well-formed id. */
export function concretePath(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b');
}

/** The OpenAPI form of an Express path (`:id` → `{id}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
