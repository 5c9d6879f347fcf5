import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type CommandOutcome =
  'accepted' | 'unchanged' | 'rejected' | 'refused' | 'stale' | 'conflict' | 'failed';

const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'prioritized',
] as const;

/**
 * The process's Prometheus registry (one per application, so several can share a process in
 * tests). Labels are route templates, command types and names: never ids or personal data.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly queues = new Map<string, Queue>();

  private readonly httpRequests = new Counter({
    name: 'sportello_http_requests_total',
    help: 'HTTP requests served, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'sportello_http_request_duration_seconds',
    help: 'HTTP request latency, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly commands = new Counter({
    name: 'sportello_commands_total',
    help: 'Commands handled, by command type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly projectionLag = new Gauge({
    name: 'sportello_projection_lag_events',
    help: 'Events in the log not yet applied by each projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sportello_' });
    const queues = this.queues;
    new Gauge({
      name: 'sportello_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [name, queue] of queues) {
          // A scrape must not fail because Redis is down: that queue is just left out.
          const counts = await queue.getJobCounts(...QUEUE_STATES).catch(() => null);
          if (!counts) continue;
          for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeCommand(type: string, outcome: CommandOutcome): void {
    this.commands.inc({ type, outcome });
  }

  setProjectionLag(projection: string, events: number): void {
    this.projectionLag.set({ projection }, events);
  }

  /** Its depth is read at each scrape. BullMQ queues registered in Nest are added at start-up. */
  registerQueue(queue: Queue): void {
    this.queues.set(queue.name, queue);
  }

  get registeredQueues(): string[] {
    return [...this.queues.keys()];
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
