import type { Logger } from 'pino';
import type { GatewayFeature } from '../core/feature.js';
import type { HttpRoute } from '../core/server/http-routes.js';
import type { Connection } from '../core/server/connection.js';
import { applyFeatureMigrations } from '../core/store/feature-migrations.js';
import type { FeatureContext, GatewayFeatureModule } from './feature-context.js';

/** The features of one process, built once from the list: what the listener and the router ask of them together. */
export class FeatureSet {
  private readonly built: { readonly name: string; readonly feature: GatewayFeature }[] = [];

  /** Each module's migrations run before the module is built, in list order. */
  build(modules: readonly GatewayFeatureModule[], context: FeatureContext): void {
    for (const module of modules) {
      applyFeatureMigrations(context.database, module.name, module.migrations ?? []);
      this.built.push({ name: module.name, feature: module.create({ ...context, logger: context.logger.child({ feature: module.name }) }) });
    }
  }

  methods() {
    return this.built.flatMap(({ feature }) => feature.methods());
  }

  routes(): HttpRoute[] {
    return this.built.flatMap(({ feature }) => feature.httpRoutes?.() ?? []);
  }

  connectionReady(connection: Connection): void {
    for (const { feature } of this.built) feature.connectionReady?.(connection);
  }

  connectionClosed(connection: Connection): void {
    for (const { feature } of this.built) feature.connectionClosed?.(connection);
  }

  /** Each feature's `status()` under its name (the `status` method's extra entries). */
  status(): Record<string, unknown> {
    const statuses: Record<string, unknown> = {};
    for (const { name, feature } of this.built) if (feature.status) statuses[name] = feature.status();
    return statuses;
  }

  async start(): Promise<void> {
    for (const { feature } of this.built) await feature.start?.();
  }

  /** In reverse order; one feature failing to stop does not keep the others running. */
  async stop(logger: Logger): Promise<void> {
    for (const { name, feature } of [...this.built].reverse()) {
      await Promise.resolve(feature.stop?.()).catch((error: unknown) => logger.error({ feature: name, error: String(error) }, 'feature stop failed'));
    }
  }
}
