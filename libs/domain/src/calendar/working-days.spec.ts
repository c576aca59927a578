import { addWorkingDays, isBankHoliday, isWorkingDay } from './working-days';

describe('working days (England and Wales)', () => {
  it('skips Christmas, Boxing Day and its substitute day', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-29', -1)).toBe('2026-12-24');
    expect(isBankHoliday('2026-12-28')).toBe(true);
  });

  it('skips Good Friday and Easter Monday 2027', () => {
    expect(isWorkingDay('2027-03-26')).toBe(false);
    expect(isWorkingDay('2027-03-29')).toBe(false);
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays('2027-03-30', -1)).toBe('2027-03-25');
    expect(addWorkingDays('2027-03-24', 3)).toBe('2027-03-31');
  });

  it('skips one-off bank holidays', () => {
    expect(isWorkingDay('2022-09-19')).toBe(false); // State funeral of Queen Elizabeth II
    expect(isWorkingDay('2023-05-08')).toBe(false); // Coronation of King Charles III
    expect(isWorkingDay('2022-06-03')).toBe(false); // Platinum Jubilee
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
  });

  it('treats weekends as non-working and ordinary weekdays as working', () => {
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-22')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true);
    expect(isBankHoliday('2026-03-15')).toBe(false); // Mother's Day is an observance, not a bank holiday
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-23', -1)).toBe('2026-11-20');
    expect(addWorkingDays('2026-11-02', 10)).toBe('2026-11-16');
  });

  it('treats 0 as no move, and rejects fractions and bad dates', () => {
    expect(addWorkingDays('2026-11-21', 0)).toBe('2026-11-21');
    expect(() => addWorkingDays('2026-11-21', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('crosses year ends', () => {
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });
});

describe('working days per UK nation (GOV.UK bank holidays)', () => {
  it('keeps St Andrew’s Day (30 November 2026, a Monday) as a Scottish holiday only', () => {
    expect(isBankHoliday('2026-11-30', 'scotland')).toBe(true);
    for (const nation of ['england', 'wales', 'northern_ireland'] as const) expect(isBankHoliday('2026-11-30', nation)).toBe(false);
    expect(addWorkingDays('2026-11-27', 1, 'scotland')).toBe('2026-12-01');
    expect(addWorkingDays('2026-11-27', 1, 'england')).toBe('2026-11-30');
  });

  it('keeps 2 January as a Scottish holiday (2 January 2029 is a Tuesday)', () => {
    expect(isBankHoliday('2029-01-02', 'scotland')).toBe(true);
    expect(isWorkingDay('2029-01-02', 'england')).toBe(true);
    expect(addWorkingDays('2028-12-29', 1, 'scotland')).toBe('2029-01-03'); // 1 and 2 January
    expect(addWorkingDays('2028-12-29', 1, 'northern_ireland')).toBe('2029-01-02');
  });

  it('keeps 12 July (Battle of the Boyne) and St Patrick’s Day in Northern Ireland only', () => {
    expect(isBankHoliday('2027-07-12', 'northern_ireland')).toBe(true); // a Monday
    expect(isBankHoliday('2027-07-12', 'england')).toBe(false);
    expect(isBankHoliday('2027-03-17', 'northern_ireland')).toBe(true);
    expect(isBankHoliday('2027-03-17', 'scotland')).toBe(false);
    expect(addWorkingDays('2027-07-09', 1, 'northern_ireland')).toBe('2027-07-13');
  });

  it('has no Easter Monday in Scotland, and a different summer bank holiday', () => {
    expect(isWorkingDay('2027-03-29', 'scotland')).toBe(true);
    expect(isWorkingDay('2027-03-29', 'england')).toBe(false);
    expect(isBankHoliday('2027-08-02', 'scotland')).toBe(true); // first Monday in August
    expect(isBankHoliday('2027-08-30', 'scotland')).toBe(false);
    expect(isBankHoliday('2027-08-30', 'wales')).toBe(true); // last Monday in August
  });

  it('counts ten working days across each nation’s own holidays', () => {
    // 20 December 2027 (Monday) + 10 working days: Christmas and Boxing Day substitutes, New Year, 2 January in Scotland.
    expect(addWorkingDays('2027-12-20', 10, 'england')).toBe('2028-01-06');
    expect(addWorkingDays('2027-12-20', 10, 'wales')).toBe('2028-01-06');
    expect(addWorkingDays('2027-12-20', 10, 'northern_ireland')).toBe('2028-01-06');
    expect(addWorkingDays('2027-12-20', 10, 'scotland')).toBe('2028-01-07');
  });

  it('keeps UK-wide one-off holidays in every nation', () => {
    for (const nation of ['england', 'wales', 'scotland', 'northern_ireland'] as const)
      expect(isBankHoliday('2023-05-08', nation)).toBe(true);
  });
});
