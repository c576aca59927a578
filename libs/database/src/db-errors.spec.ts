import { databaseUnavailable } from './db-errors';
import { NestedConnectionError } from './unit-of-work';

describe('databaseUnavailable', () => {
  it.each([
    [{ code: '55P03', message: 'canceling statement due to lock timeout' }, /lock timeout/],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, /statement timeout/],
    [{ code: '25P03' }, /idle-in-transaction/],
    [{ code: '40P01' }, /deadlock/],
    [{ code: '57P01' }, /lost/],
    [{ code: '08006' }, /lost/],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, /cannot be reached/],
    [new Error('timeout exceeded when trying to connect'), /pool acquire timeout/],
    [new Error('Connection terminated unexpectedly'), /lost/],
    [{ driverError: { code: '55P03' } }, /lock timeout/],
  ])('names %j as a condition a retry can clear', (err, reason) => {
    expect(databaseUnavailable(err)).toMatch(reason);
  });

  it.each([[{ code: '23505' }], [{ code: '22P02' }], [new Error('boom')], [null], ['text'], [new NestedConnectionError()]])(
    'leaves %j to the other mappings',
    (err) => {
      expect(databaseUnavailable(err)).toBeNull();
    },
  );
});
