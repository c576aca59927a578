import { MetadataScanner, Reflector, type DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { EnvConfig } from '@pathway/platform/config/env';
import { HandlesJob } from './handles-job.decorator';
import { JOB_NAMES, type JobName } from './jobs';
import { WorkerHost } from './worker-host';

/** A provider with one @HandlesJob method per name given, each answering `handled <name>`. */
function providerHandling(names: readonly JobName[]): object {
  class Handlers {}
  for (const name of names) {
    const method = `handle_${name.replace(/\W/g, '_')}`;
    const fn = async (payload: unknown) => ({ handled: name, payload });
    Object.defineProperty(Handlers.prototype, method, { value: fn, writable: true, configurable: true });
    HandlesJob(name)(Handlers.prototype, method, Object.getOwnPropertyDescriptor(Handlers.prototype, method)!);
  }
  return new Handlers();
}

function hostOver(...instances: object[]): WorkerHost {
  const discovery = { getProviders: () => [...instances.map((instance) => ({ instance })), { instance: undefined }] };
  return new WorkerHost(discovery as unknown as DiscoveryService, new MetadataScanner(), new Reflector(), {} as EnvConfig);
}

describe('WorkerHost', () => {
  it('collects one handler per job name, across providers', () => {
    const host = hostOver(providerHandling(JOB_NAMES.slice(0, 2)), providerHandling(JOB_NAMES.slice(2)));
    expect([...host.collectHandlers().keys()].sort()).toEqual([...JOB_NAMES].sort());
  });

  it('refuses to start when a job name has no handler, naming every one missing', () => {
    const [first, second, ...rest] = JOB_NAMES;
    const host = hostOver(providerHandling(rest));
    expect(() => host.collectHandlers()).toThrow(`No handler for job(s): ${first}, ${second}`);
  });

  it('refuses two handlers for one job', () => {
    const host = hostOver(providerHandling(JOB_NAMES), providerHandling([JOB_NAMES[0]]));
    expect(() => host.collectHandlers()).toThrow(`Two handlers for job ${JOB_NAMES[0]}`);
  });

  it('dispatches a job to its handler, and refuses one arriving on another queue', async () => {
    const host = hostOver(providerHandling(JOB_NAMES));
    host.collectHandlers();
    const dispatch = (job: Partial<Job>) => host['dispatch'](job as Job);
    await expect(dispatch({ name: 'reminder.fire', queueName: 'reminders', data: { reminderId: 'r1' } })).resolves.toEqual({
      handled: 'reminder.fire',
      payload: { reminderId: 'r1' },
    });
    await expect(dispatch({ name: 'reminder.fire', queueName: 'maintenance', data: {} })).rejects.toThrow(
      'No handler for job reminder.fire on maintenance',
    );
    await expect(dispatch({ name: 'no.such.job', queueName: 'reminders', data: {} })).rejects.toThrow('No handler for job no.such.job');
  });
});
