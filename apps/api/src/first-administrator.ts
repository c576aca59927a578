import type { INestApplication } from '@nestjs/common';
import { BootstrapAdmin } from '../../../libs/identity/src/bootstrap-admin';

/**
 * On a fresh install nobody can sign in: while no active administrator has a password, print a
 * one-time link (72 hours) for the bootstrap administrator to set one. Printed to the terminal,
 * not the JSON log, and only until an administrator can sign in; each start makes a new link and
 * the previous one stops working.
 */
export async function printFirstAdministratorLink(app: INestApplication, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<void> {
  const first = await app.get(BootstrapAdmin).firstAdministratorLink();
  if (!first) return;
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
