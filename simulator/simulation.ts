/** The whole simulated site: application, work orders, uploads. Rebuilt by `reset()`. */
import { loadApp } from './apps';
import type { Micros } from './dates';
import { importFixture, readFixture } from './fixture';
import { Site } from './site';
import { WorkOrderStore } from './store';
import { UploadStore } from './uploads';

export interface SimulationOptions {
  seed: string;
  workOrders: number;
  app?: string;
  fixture?: string;
  nowUs: Micros;
}

export class Simulation {
  site!: Site;
  store!: WorkOrderStore;
  uploads!: UploadStore;

  constructor(readonly options: SimulationOptions) {
    this.reset();
  }

  reset(): void {
    this.site = new Site(loadApp(this.options.app));
    this.uploads = new UploadStore();
    this.store = new WorkOrderStore({ seed: this.options.seed, site: this.site, nowUs: this.options.nowUs, count: this.options.workOrders });
    if (this.options.fixture) {
      for (const record of importFixture(this.site, readFixture(this.options.fixture))) this.store.insert(record);
    }
  }
}
