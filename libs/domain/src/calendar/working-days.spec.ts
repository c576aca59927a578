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
