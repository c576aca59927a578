import type { INestApplication } from '@nestjs/common';
import { BootstrapAdmin } from '@pathway/identity/bootstrap-admin';

/**
 * On a fresh install nobody can sign in: while no active administrator has a password, print a
 * one-time link (72 hours) for the bootstrap administrator to set one: as text on a terminal, as
 * one JSON line like every other log line otherwise (containers, log collectors), and only until
 * an administrator can sign in; each start makes a new link and the previous one stops working.
 */
export async function printFirstAdministratorLink(
  app: INestApplication,
  write: (text: string) => void = (t) => process.stdout.write(t),
  terminal: boolean = process.stdout.isTTY === true,
): Promise<void> {
  const first = await app.get(BootstrapAdmin).firstAdministratorLink();
  if (!first) return;
  if (!terminal) {
    const msg = `No administrator can sign in yet: open the link once (72 hours) to set a password, then sign in as ${first.email}`;
    write(`${JSON.stringify({ level: 30, time: Date.now(), service: 'pathway-api', msg, link: first.link })}\n`);
    return;
  }
  write(
    [
      '',
      '  No administrator can sign in yet. To set up the first one, open this link (it works once, for 72 hours):',
      '',
      `    ${first.link}`,
      '',
      `  then sign in as ${first.email} with the password you chose, and add the real people under Administration.`,
      '',
      '',
    ].join('\n'),
  );
}
