import { PATHWAY_TEMPLATE_V2 } from './pathway-template.v2';
import { PATHWAY_TEMPLATE_V3 } from './pathway-template.v3';
import { validateTemplate } from './validate-template';

describe('pathway template version 3', () => {
  it('passes the checks every published version passes', () => {
    expect(validateTemplate(PATHWAY_TEMPLATE_V3)).toEqual([]);
    expect(PATHWAY_TEMPLATE_V3.version).toBe(3);
  });

  it('keeps every version 2 task (version 3 changes tasks, it does not drop them)', () => {
    const keys = new Set(PATHWAY_TEMPLATE_V3.tasks.map((t) => t.key));
    for (const t of PATHWAY_TEMPLATE_V2.tasks) expect(keys).toContain(t.key);
  });
});
