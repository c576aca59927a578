import { ConfigError, loadConfig } from '@pathway/platform/config/env';
import { emailChannelFor } from './email-channel.factory';

const KEY = 'pathway_live-11111111-2222-3333-4444-555555555555-66666666-7777-8888-9999-000000000000';
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

describe('the email channel', () => {
  it('is none without SMTP_URL or NOTIFY_API_KEY: notifications stay in-app', () => {
    expect(emailChannelFor(loadConfig({}))).toBeNull();
  });

  it('is SMTP with SMTP_URL', () => {
    expect(emailChannelFor(loadConfig({ SMTP_URL: 'smtp://mail.example.test:587' }))?.name).toBe('smtp');
  });

  it('is GOV.UK Notify with its key and template, even when SMTP is also set', () => {
    expect(
      emailChannelFor(loadConfig({ NOTIFY_API_KEY: KEY, NOTIFY_TEMPLATE_ID: TEMPLATE, SMTP_URL: 'smtp://mail.example.test' }))?.name,
    ).toBe('notify');
  });

  it('refuses to start with a Notify key but no template, naming the variable', () => {
    expect(() => loadConfig({ NOTIFY_API_KEY: KEY })).toThrow(ConfigError);
    expect(() => loadConfig({ NOTIFY_API_KEY: KEY })).toThrow(/NOTIFY_TEMPLATE_ID/);
    expect(() => loadConfig({ NOTIFY_API_KEY: KEY, NOTIFY_TEMPLATE_ID: 'not-a-uuid' })).toThrow(/NOTIFY_TEMPLATE_ID/);
  });
});
