import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { renderStateMachinesDoc, STATE_MACHINES_DOC_PATH } from './state-machines-doc';

const docPath = join(__dirname, '../../../..', STATE_MACHINES_DOC_PATH);

describe('docs/state-machines.md', () => {
  it('equals the text generated from the machines', () => {
    const generated = renderStateMachinesDoc();
    if (process.env.UPDATE_DOCS === '1') {
      mkdirSync(dirname(docPath), { recursive: true });
      writeFileSync(docPath, generated);
      console.log(`Wrote ${docPath}`);
    }
    const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
    if (current !== generated) {
      throw new Error(
        `${STATE_MACHINES_DOC_PATH} is out of date with the machines. Regenerate it with:\n` +
          `  UPDATE_DOCS=1 npx jest --selectProjects unit --testPathPattern state-machines-doc`,
      );
    }
  });
});
