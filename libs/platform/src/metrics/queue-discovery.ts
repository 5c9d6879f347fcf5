import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { MetricsService } from './metrics.service';

/** Every BullMQ queue registered in the application gets its depth exported. */
@Injectable()
export class QueueDiscovery implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.isDependencyTreeStatic() && wrapper.instance instanceof Queue)
        this.metrics.registerQueue(wrapper.instance);
    }
  }
}
