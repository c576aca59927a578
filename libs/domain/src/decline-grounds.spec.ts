import { declineGroundsOpenTo } from './decline-grounds';
import { BODY_TYPES, NATIONS } from './vocabulary';

describe('decline grounds open to a parent body', () => {
  it('never offers the "already published its intention to consider a staff-led mutual" ground', () => {
    for (const nation of NATIONS) {
      for (const bodyType of [...BODY_TYPES, null])
        expect(declineGroundsOpenTo({ nation, bodyType })).not.toContain('intention_to_consider_staff_mutual_published');
    }
  });

  it('offers the Community Right to Challenge grounds to councils and fire and rescue authorities in England only', () => {
    expect(declineGroundsOpenTo({ nation: 'england', bodyType: 'local_authority' })).toEqual([
      'already_being_procured',
      'negotiations_under_way',
      'not_viable',
      'insufficient_staff_support',
      'other',
    ]);
    expect(declineGroundsOpenTo({ nation: 'england', bodyType: 'fire_and_rescue' })).toContain('negotiations_under_way');
  });

  it.each([
    ['england', 'nhs_trust'],
    ['england', 'nhs_foundation_trust'],
    ['england', 'integrated_care_board'],
    ['england', 'central_government'],
    ['england', null],
    ['scotland', 'local_authority'],
    ['wales', 'local_authority'],
    ['northern_ireland', 'fire_and_rescue'],
  ] as const)('gives %s %s the practical grounds without the Community Right to Challenge ones', (nation, bodyType) => {
    expect(declineGroundsOpenTo({ nation, bodyType })).toEqual([
      'service_already_committed',
      'not_viable',
      'insufficient_staff_support',
      'other',
    ]);
  });
});
