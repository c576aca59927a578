import { humanLogs, quietStartup } from './logging.module';

describe('human logs at a terminal', () => {
  it('are used only on a TTY outside production', () => {
    expect(humanLogs({ NODE_ENV: 'development' }, { isTTY: true })).toBe(true);
    expect(humanLogs({ NODE_ENV: 'production' }, { isTTY: true })).toBe(false);
    expect(humanLogs({ NODE_ENV: 'development' }, {})).toBe(false);
  });

  it("leave out Nest's per-module and per-route start-up lines, so the start ends with the ready line", () => {
    expect(quietStartup([{ context: 'RouterExplorer' }, 'Mapped {/health, GET} route'], 30)).toBe(true);
    expect(quietStartup([{ context: 'RoutesResolver' }, 'HealthController {/health}:'], 30)).toBe(true);
    expect(quietStartup([{ context: 'InstanceLoader' }, 'AppModule dependencies initialized'], 30)).toBe(true);
  });

  it('keep every other line, and warnings and errors from any context', () => {
    expect(quietStartup([{ context: 'NestApplication' }, 'Nest application successfully started'], 30)).toBe(false);
    expect(quietStartup([{ context: 'RouterExplorer' }, 'something odd'], 40)).toBe(false);
    expect(quietStartup(['a plain message'], 30)).toBe(false);
    expect(quietStartup([{ req: { id: '1' } }, 'request completed'], 30)).toBe(false);
  });
});
