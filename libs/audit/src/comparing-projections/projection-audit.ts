import { NotFound } from '@sportello/decider';
import {
  compareWithLive,
  ProjectionComparison,
  SealingEventStore,
  SqlExecutor,
} from '@sportello/eventstore';
import { AuditCatalog } from '../catalog/audit-catalog';

export interface ComparisonReport {
  projections: ProjectionComparison[];
  differenceCount: number;
}

/**
 * Rebuild and compare: each registered read model is rebuilt from position zero into shadow
 * tables and compared row by row with the live one (there should be no difference).
 */
export class ProjectionAudit {
  constructor(
    private readonly catalog: AuditCatalog,
    private readonly db: SqlExecutor,
    private readonly store: SealingEventStore,
    private readonly schema: string,
  ) {}

  async compare(
    names: string[] | undefined,
    options: {
      maxDifferences?: number;
      batchSize?: number;
      onProjection?: (name: string) => void;
      onProgress?: (name: string, eventsRead: number) => void;
    } = {},
  ): Promise<ComparisonReport> {
    const chosen = names?.length
      ? names.map((name) => this.catalog.projection(name) ?? fail(name))
      : this.catalog.projections();
    const projections: ProjectionComparison[] = [];
    for (const projection of chosen) {
      options.onProjection?.(projection.name);
      projections.push(
        await compareWithLive(this.db, this.store, projection, {
          schema: this.schema,
          batchSize: options.batchSize,
          maxDifferences: options.maxDifferences,
          onProgress: (read) => options.onProgress?.(projection.name, read),
        }),
      );
    }
    return {
      projections,
      differenceCount: projections.reduce((sum, p) => sum + p.differenceCount, 0),
    };
  }
}

function fail(name: string): never {
  throw new NotFound('Read model', name);
}
